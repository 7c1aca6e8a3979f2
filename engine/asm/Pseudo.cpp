// Pseudo-instructions, expanded exactly as GNU as expands them for rv32 without
// relaxation (checked against riscv64-unknown-elf-as with objdump -M no-aliases).
// Most are one-instruction aliases written as templates over the real syntax; li, la,
// call and tail, whose length or value needs arithmetic, are code.
#include "asm/Encoding.h"
#include "asm/Pass.h"

namespace vizor::assembler {
namespace {

struct PseudoTemplate {
    std::string_view name;
    std::size_t operands;
    std::string_view expansion; // $N = the N-th operand, as written
};

constexpr PseudoTemplate kTemplates[] = {
    {"nop", 0, "addi x0, x0, 0"},
    {"mv", 2, "addi $0, $1, 0"},
    {"not", 2, "xori $0, $1, -1"},
    {"neg", 2, "sub $0, x0, $1"},
    {"seqz", 2, "sltiu $0, $1, 1"},
    {"snez", 2, "sltu $0, x0, $1"},
    {"sltz", 2, "slt $0, $1, x0"},
    {"sgtz", 2, "slt $0, x0, $1"},
    {"zext.b", 2, "andi $0, $1, 255"},
    {"beqz", 2, "beq $0, x0, $1"},
    {"bnez", 2, "bne $0, x0, $1"},
    {"blez", 2, "bge x0, $0, $1"},
    {"bgez", 2, "bge $0, x0, $1"},
    {"bltz", 2, "blt $0, x0, $1"},
    {"bgtz", 2, "blt x0, $0, $1"},
    {"bgt", 3, "blt $1, $0, $2"},
    {"ble", 3, "bge $1, $0, $2"},
    {"bgtu", 3, "bltu $1, $0, $2"},
    {"bleu", 3, "bgeu $1, $0, $2"},
    {"j", 1, "jal x0, $0"},
    {"jr", 1, "jalr x0, $0, 0"},
    {"jr", 2, "jalr x0, $0, $1"},
    {"ret", 0, "jalr x0, ra, 0"},
    {"csrr", 2, "csrrs $0, $1, x0"},
    {"csrw", 2, "csrrw x0, $0, $1"},
    {"csrs", 2, "csrrs x0, $0, $1"},
    {"csrc", 2, "csrrc x0, $0, $1"},
    {"csrwi", 2, "csrrwi x0, $0, $1"},
    {"csrsi", 2, "csrrsi x0, $0, $1"},
    {"csrci", 2, "csrrci x0, $0, $1"},
    {"rdcycle", 1, "csrrs $0, cycle, x0"},
    {"rdcycleh", 1, "csrrs $0, cycleh, x0"},
    {"rdtime", 1, "csrrs $0, time, x0"},
    {"rdtimeh", 1, "csrrs $0, timeh, x0"},
    {"rdinstret", 1, "csrrs $0, instret, x0"},
    {"rdinstreth", 1, "csrrs $0, instreth, x0"},
    {"unimp", 0, "csrrw x0, cycle, x0"},
};

} // namespace

bool Pass::pseudoInstruction(const std::string& name, const Token& head,
                             const std::vector<Operand>& ops, int endColumn) {
    if (name == "li") {
        loadImmediate(head, ops, endColumn);
        return true;
    }
    if (name == "la" || name == "lla") {
        pcrelPseudo(PcrelForm::Address, head, ops, endColumn);
        return true;
    }
    if (name == "call") {
        pcrelPseudo(PcrelForm::Call, head, ops, endColumn);
        return true;
    }
    if (name == "fence.tso") { // fm = 1000, rw,rw: outside the table's plain fence form
        expectOperands(head, ops, 0, endColumn);
        emitInstruction(0x8330000fu);
        return true;
    }
    if (name == "tail") {
        pcrelPseudo(PcrelForm::Tail, head, ops, endColumn);
        return true;
    }
    return templatePseudo(name, head, ops, endColumn);
}

// auipc + addi/jalr through %pcrel_hi/%pcrel_lo:
//   la/lla rd, sym   -> auipc rd, hi;  addi rd, rd, lo
//   call sym         -> auipc ra, hi;  jalr ra, lo(ra)
//   call rd, sym     -> auipc t1, hi;  jalr rd, lo(t1)    (GNU's choice of t1)
//   tail sym         -> auipc t1, hi;  jalr zero, lo(t1)
void Pass::pcrelPseudo(PcrelForm form, const Token& head, const std::vector<Operand>& ops,
                       int endColumn) {
    const bool withRd = form == PcrelForm::Address || (form == PcrelForm::Call && ops.size() == 2);
    const uint32_t second = form == PcrelForm::Address ? kAddi : kJalr;
    if (!expectOperands(head, ops, withRd ? 2 : 1, endColumn)) {
        emitInstruction(kAuipc); // keep the two-instruction size
        return emitInstruction(second);
    }
    constexpr uint8_t ra = 1;
    constexpr uint8_t t1 = 6;
    const uint8_t rd = withRd ? reg(ops[0]) : (form == PcrelForm::Call ? ra : 0);
    const uint8_t hiReg =
        form == PcrelForm::Address ? rd : (withRd || form == PcrelForm::Tail ? t1 : ra);
    const int64_t target = value(ops.back());
    const int64_t lo = lo12(target - dot());
    pcrelPair(hiReg, encodeI(second, rd, hiReg, lo), target);
}

bool Pass::templatePseudo(const std::string& name, const Token& head,
                          const std::vector<Operand>& ops, int endColumn) {
    const PseudoTemplate* match = nullptr;
    const PseudoTemplate* any = nullptr;
    for (const auto& t : kTemplates) {
        if (t.name != name) continue;
        if (!any) any = &t;
        if (t.operands == ops.size()) match = &t;
    }
    if (!any) return false;
    if (!match) {
        expectOperands(head, ops, any->operands, endColumn);
        emitInstruction(kAddi); // keep the size of the one-instruction expansion
        return true;
    }
    std::vector<LexError> ignored;
    const auto expansion = tokenizeLine(match->expansion, ignored).front().tokens;
    std::vector<Token> tokens;
    for (Token t : expansion) {
        if (t.kind == TokenKind::Identifier && t.text.size() == 2 && t.text[0] == '$') {
            const auto& op = ops[static_cast<std::size_t>(t.text[1] - '0')];
            tokens.insert(tokens.end(), op.tokens.begin(), op.tokens.end());
            continue;
        }
        t.column = head.column;
        tokens.push_back(std::move(t));
    }
    Token mnemonic = tokens.front();
    aliasName_ = name;
    instruction(mnemonic, std::span(tokens).subspan(1), endColumn);
    aliasName_.clear();
    return true;
}

void Pass::loadImmediate(const Token& head, const std::vector<Operand>& ops, int endColumn) {
    if (!expectOperands(head, ops, 2, endColumn)) return emitInstruction(kAddi);
    const uint8_t rd = reg(ops[0]);
    int64_t v = value(ops[1]);
    // GNU as on rv32: a 64-bit value in [2^31, 2^32) is the sign-extended 32-bit one;
    // other values keep all 64 bits, so the upper part may be nonzero yet encode as 0.
    if (v >= 0x80000000LL && v <= 0xffffffffLL) v -= 0x100000000LL;
    const int64_t lower = lo12(v);
    const auto upper = static_cast<uint64_t>(v) - static_cast<uint64_t>(lower);
    uint8_t base = 0;
    if (upper != 0) {
        emitInstruction(encodeU(kLui, rd, static_cast<int64_t>((upper & 0xffffffffu) >> 12)));
        base = rd;
    }
    if (lower != 0 || base == 0) emitInstruction(encodeI(kAddi, rd, base, lower));
}

void Pass::pcrelPair(uint8_t hiReg, uint32_t loWord, int64_t target) {
    pcrelHi_[dot()] = target;
    emitInstruction(encodeU(kAuipc, hiReg, hi20(target - dot())));
    emitInstruction(loWord);
}

} // namespace vizor::assembler
