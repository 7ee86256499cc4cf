// The one seam between the township's stores and a database: a transaction on one
// connection that runs SQL with $1, $2... parameters and returns rows as text. SQLite and
// PostgreSQL implement it (sqlite_backend, pg_backend); every store's SQL is written once
// against it, in the portable subset both understand (see dialect.h for the few exceptions).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace vsk::township {

// A bound value: NULL, an integer or text.
class SqlParam {
 public:
  enum class Kind { kNull, kInt, kText };
  SqlParam(std::nullptr_t) {}
  SqlParam(std::int64_t v) : kind_(Kind::kInt), int_(v) {}
  SqlParam(int v) : SqlParam(static_cast<std::int64_t>(v)) {}
  SqlParam(std::string_view v) : kind_(Kind::kText), text_(v) {}
  SqlParam(const std::string& v) : SqlParam(std::string_view(v)) {}
  SqlParam(const char* v) : SqlParam(std::string_view(v)) {}
  template <typename T>
  SqlParam(const std::optional<T>& v) : SqlParam(nullptr) {
    if (v) *this = SqlParam(*v);
  }
  Kind kind() const { return kind_; }
  std::int64_t integer() const { return int_; }
  std::string_view text() const { return text_; }

 private:
  Kind kind_ = Kind::kNull;
  std::int64_t int_ = 0;
  std::string_view text_;
};

using SqlParams = std::span<const SqlParam>;

// One result row; every value as text (SQLite's integers are read back as decimal text).
class SqlRow {
 public:
  explicit SqlRow(std::vector<std::optional<std::string>> values) : values_(std::move(values)) {}
  bool is_null(int col) const { return !values_.at(static_cast<std::size_t>(col)).has_value(); }
  const std::string& text(int col) const;  // "" for NULL
  std::int64_t integer(int col) const;     // 0 for NULL
  std::optional<std::string> optional_text(int col) const { return values_.at(static_cast<std::size_t>(col)); }
  std::optional<std::int64_t> optional_integer(int col) const;

 private:
  std::vector<std::optional<std::string>> values_;
};

using SqlRows = std::vector<SqlRow>;

// What went wrong in storage, in terms the service can act on.
class StoreError : public std::runtime_error {
 public:
  enum class Kind {
    kConstraint,   // a unique or foreign key constraint refused the write
    kRetryable,    // rolled back because of a concurrent transaction: run it again
    kUnavailable,  // the database cannot be reached or is busy: answer "try later"
    kOther,
  };
  StoreError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// One transaction on one connection. Rolled back when destroyed without commit().
class SqlSession {
 public:
  virtual ~SqlSession() = default;
  virtual SqlRows query(std::string_view sql, SqlParams params) = 0;
  // A statement without rows; returns how many rows it changed.
  virtual std::int64_t exec(std::string_view sql, SqlParams params) = 0;
  virtual void commit() = 0;
};

}  // namespace vsk::township
