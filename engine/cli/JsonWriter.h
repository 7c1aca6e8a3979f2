// A minimal JSON object writer: enough for Vizor's stable, documented CLI output.
// Keys are written in the order given, so output is byte-for-byte reproducible.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace vizor::cli {

std::string jsonQuote(std::string_view text);

class JsonObject {
public:
    JsonObject& add(std::string_view key, std::string_view value);
    JsonObject& add(std::string_view key, const char* value) {
        return add(key, std::string_view(value));
    }
    JsonObject& add(std::string_view key, uint64_t value);
    JsonObject& add(std::string_view key, int64_t value);
    JsonObject& add(std::string_view key, bool value);
    JsonObject& add(std::string_view key, const JsonObject& nested);
    // A number with a fixed count of decimals (stable text, unlike %g).
    JsonObject& addNumber(std::string_view key, double value, int decimals);
    // A value already written as JSON (an array, for instance).
    JsonObject& addRaw(std::string_view key, std::string json);
    std::string str(int level = 0) const;

private:
    struct Field {
        std::string key;
        std::string scalar;                 // already JSON text
        std::shared_ptr<JsonObject> object; // or a nested object
    };
    std::vector<Field> fields_;
};

} // namespace vizor::cli
