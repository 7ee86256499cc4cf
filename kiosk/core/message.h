// A user-facing message as data: a translation key plus named arguments. The UI looks the
// key up in the current language; domain and app code never hold display strings.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace vsk::core {

struct Message {
  std::string key;
  std::vector<std::pair<std::string, std::string>> args;  // {name} -> value

  Message() = default;
  explicit Message(std::string k) : key(std::move(k)) {}
  Message& arg(std::string name, std::string value) {
    args.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  bool operator==(const Message&) const = default;
};

}  // namespace vsk::core
