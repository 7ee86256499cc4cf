// Netstrings ("5:hello,"): the canonical bytes hashed by the audit and points chains. A length
// prefix per field means no field value can forge a field boundary, whatever it contains.
#pragma once

#include <string>
#include <string_view>

namespace vsk::core {

inline void append_netstring(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ',';
}

}  // namespace vsk::core
