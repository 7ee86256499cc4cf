// Results at module edges: a value or a translatable error message. (C++20 has no
// std::expected and Debian has no package for one.)
#pragma once

#include <optional>
#include <utility>

#include "core/message.h"

namespace vsk::core {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit on purpose, like expected
  Result(Message error) : error_(std::move(error)) {}  // NOLINT
  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }
  const T& value() const { return *value_; }
  T& value() { return *value_; }
  const Message& error() const { return *error_; }

 private:
  std::optional<T> value_;
  std::optional<Message> error_;
};

struct Done {};
using Status = Result<Done>;
inline Status ok() { return Done{}; }

}  // namespace vsk::core
