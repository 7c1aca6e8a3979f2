#include "cli/JsonWriter.h"

#include <cstdio>

namespace vizor::cli {

std::string jsonQuote(std::string_view text) {
    std::string out = "\"";
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20 || c >= 0x7f) {
                // Guest bytes are not necessarily UTF-8: escape everything outside
                // printable ASCII so the output is always valid JSON.
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out + "\"";
}

JsonObject& JsonObject::add(std::string_view key, std::string_view value) {
    fields_.push_back({std::string(key), jsonQuote(value), nullptr});
    return *this;
}

JsonObject& JsonObject::add(std::string_view key, uint64_t value) {
    fields_.push_back({std::string(key), std::to_string(value), nullptr});
    return *this;
}

JsonObject& JsonObject::add(std::string_view key, int64_t value) {
    fields_.push_back({std::string(key), std::to_string(value), nullptr});
    return *this;
}

JsonObject& JsonObject::add(std::string_view key, bool value) {
    fields_.push_back({std::string(key), value ? "true" : "false", nullptr});
    return *this;
}

JsonObject& JsonObject::add(std::string_view key, const JsonObject& nested) {
    fields_.push_back({std::string(key), {}, std::make_shared<JsonObject>(nested)});
    return *this;
}

JsonObject& JsonObject::addNumber(std::string_view key, double value, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    fields_.push_back({std::string(key), buf, nullptr});
    return *this;
}

JsonObject& JsonObject::addRaw(std::string_view key, std::string json) {
    fields_.push_back({std::string(key), std::move(json), nullptr});
    return *this;
}

std::string JsonObject::str(int level) const {
    if (fields_.empty()) return "{}";
    const std::string pad(static_cast<std::size_t>(2 * (level + 1)), ' ');
    std::string out = "{";
    for (std::size_t i = 0; i < fields_.size(); ++i) {
        const Field& f = fields_[i];
        out += (i ? ",\n" : "\n") + pad + jsonQuote(f.key) + ": ";
        out += f.object ? f.object->str(level + 1) : f.scalar;
    }
    return out + "\n" + std::string(static_cast<std::size_t>(2 * level), ' ') + "}";
}

} // namespace vizor::cli
