#include "cpu/HartState.h"

namespace vizor {

std::string_view privilegeName(Privilege p) {
    switch (p) {
    case Privilege::User:
        return "U";
    case Privilege::Supervisor:
        return "S";
    case Privilege::Machine:
        return "M";
    }
    return "?";
}

} // namespace vizor
