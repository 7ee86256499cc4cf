#include "app/restore_guard.h"

#include <algorithm>
#include <filesystem>

#include "sqlite/sqlite_db.h"
#include "store/sync_store.h"

namespace vsk::app {
namespace {

std::int64_t scalar(db::Database& db, const std::string& sql, std::int64_t bind = 0) {
  auto st = db.prepare(sql);
  if (sql.find('?') != std::string::npos) st.bind(1, bind);
  return st.step() ? st.column_int(0) : 0;
}

}  // namespace

RestoreLoss restore_loss(const std::string& live_db, const std::string& backup) {
  RestoreLoss loss;
  if (!std::filesystem::exists(live_db)) {
    loss.readable = false;
    return loss;
  }
  try {
    db::Database old_db(backup, db::OpenMode::kReadOnly);
    const std::int64_t backup_last = scalar(old_db, "SELECT COALESCE(MAX(seq), 0) FROM outbox");
    db::Database live(live_db, db::OpenMode::kReadOnly);
    auto acked_row = live.prepare("SELECT value FROM sync_state WHERE key = ?");
    acked_row.bind(1, std::string(store::sync_key::kAckedSeq));
    const std::int64_t acked = acked_row.step() ? std::stoll(acked_row.column_text(0)) : 0;
    loss.unsent = scalar(live, "SELECT COUNT(*) FROM outbox WHERE seq > ?", std::max(acked, backup_last));
    if (acked > backup_last)
      loss.at_township = scalar(live, "SELECT COUNT(*) FROM outbox WHERE seq > ?", backup_last) - loss.unsent;
  } catch (const std::exception&) {
    loss = RestoreLoss{false, 0, 0};
  }
  return loss;
}

}  // namespace vsk::app
