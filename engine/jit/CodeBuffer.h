// Executable memory for generated code, W^X: the pages are writable or executable,
// never both. Code is appended while the buffer is writable, then the buffer is
// flipped to read+execute before anything runs; patching a chain flips it back for
// the few bytes' write.
#pragma once

#include <cstddef>
#include <cstdint>

namespace vizor::jit {

class CodeBuffer {
public:
    explicit CodeBuffer(std::size_t capacity);
    ~CodeBuffer();
    CodeBuffer(const CodeBuffer&) = delete;
    CodeBuffer& operator=(const CodeBuffer&) = delete;

    bool ok() const { return base_ != nullptr; }
    uint8_t* base() const { return base_; }
    uint8_t* cursor() const { return base_ + used_; }
    std::size_t free() const { return capacity_ - used_; }
    // Copies code in at the cursor (the buffer must be writable); returns where.
    uint8_t* append(const uint8_t* code, std::size_t size);
    void truncate(std::size_t used) { used_ = used; }
    std::size_t used() const { return used_; }
    // Flip the pages holding [at, at + size): writable while code is written into them,
    // executable after (only pages code is being written into change).
    void makeWritable(const uint8_t* at, std::size_t size);
    void makeExecutable(const uint8_t* at, std::size_t size);

private:
    uint8_t* base_ = nullptr;
    std::size_t capacity_ = 0;
    std::size_t used_ = 0;
};

} // namespace vizor::jit
