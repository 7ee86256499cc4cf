#include "store/settings_store.h"

#include <charconv>

namespace vsk::store {

std::optional<std::string> SettingsStore::get(const std::string& key) {
  auto st = db_.prepare("SELECT value FROM settings WHERE key = ?1");
  st.bind(1, key);
  if (!st.step()) return std::nullopt;
  return st.column_text(0);
}

std::string SettingsStore::get_or(const std::string& key, const std::string& fallback) {
  return get(key).value_or(fallback);
}

std::int64_t SettingsStore::get_int_or(const std::string& key, std::int64_t fallback) {
  const auto v = get(key);
  if (!v) return fallback;
  std::int64_t out = 0;
  const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  return (ec == std::errc() && end == v->data() + v->size()) ? out : fallback;
}

void SettingsStore::set(db::Transaction& tx, const std::string& key, const std::string& value) {
  auto st = tx.db().prepare(
      "INSERT INTO settings(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  st.bind(1, key).bind(2, value).run();
}

void SettingsStore::remove(db::Transaction& tx, const std::string& key) {
  tx.db().prepare("DELETE FROM settings WHERE key = ?1").bind(1, key).run();
}

}  // namespace vsk::store
