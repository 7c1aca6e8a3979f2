#include "jit/CodeBuffer.h"

#include <cstring>

#if defined(__unix__)
#include <sys/mman.h>
#endif

namespace vizor::jit {

CodeBuffer::CodeBuffer(std::size_t capacity) {
#if defined(__unix__)
    void* p = mmap(nullptr, capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return;
    base_ = static_cast<uint8_t*>(p);
    capacity_ = capacity;
#else
    (void)capacity;
#endif
}

CodeBuffer::~CodeBuffer() {
#if defined(__unix__)
    if (base_) munmap(base_, capacity_);
#endif
}

uint8_t* CodeBuffer::append(const uint8_t* code, std::size_t size) {
    if (size > free()) return nullptr;
    uint8_t* at = base_ + used_;
    std::memcpy(at, code, size);
    used_ += size;
    return at;
}

namespace {
#if defined(__unix__)
void protect(const uint8_t* at, std::size_t size, int flags) {
    const std::size_t page = 4096;
    const auto start = reinterpret_cast<uintptr_t>(at) & ~(page - 1);
    const auto end = (reinterpret_cast<uintptr_t>(at) + size + page - 1) & ~(page - 1);
    mprotect(reinterpret_cast<void*>(start), end - start, flags);
}
#endif
} // namespace

void CodeBuffer::makeWritable(const uint8_t* at, std::size_t size) {
#if defined(__unix__)
    if (base_ && size) protect(at, size, PROT_READ | PROT_WRITE);
#else
    (void)at;
    (void)size;
#endif
}

void CodeBuffer::makeExecutable(const uint8_t* at, std::size_t size) {
#if defined(__unix__)
    if (base_ && size) protect(at, size, PROT_READ | PROT_EXEC);
#else
    (void)at;
    (void)size;
#endif
}

} // namespace vizor::jit
