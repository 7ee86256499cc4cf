// Notices, their append-only versions (with finance rows) and residents' comments.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/notice.h"
#include "sqlite/sqlite_db.h"

namespace vsk::store {

struct NoticeRecord {
  std::int64_t id = 0;
  std::string global_id;
  std::string source;  // core::kNoticeSourceVillage / kNoticeSourceTownship
  core::NoticeCategory category = core::NoticeCategory::kVillage;
  std::int64_t created_at = 0;
  int version = 1;     // the current version
  core::NoticeTimes times;
  bool pinned = false;
  core::NoticeContent content;  // of the current version
  std::int64_t edited_at = 0;   // when the current version was written
  std::int64_t comments = 0;    // how many comments; open ones below
  std::int64_t open_comments = 0;
};

struct NoticeVersionRecord {
  int version = 0;
  core::NoticeContent content;
  std::int64_t edited_at = 0;
  std::optional<std::int64_t> staff_id;
  std::string staff_name;  // empty: from the township
};

struct NoticeCommentRecord {
  std::int64_t id = 0;
  std::int64_t notice_id = 0;
  std::int64_t resident_id = 0;
  std::string resident_name;
  std::string text;
  std::int64_t at = 0;
  std::optional<std::int64_t> handled_at;
  std::string handled_by;  // staff name
};

struct NewNotice {
  std::string global_id;  // empty: "<kiosk code>-N-<id>" is assigned
  std::string source = core::kNoticeSourceVillage;
  core::NoticeCategory category = core::NoticeCategory::kVillage;
  core::NoticeContent content;
  std::int64_t at = 0;
  std::optional<std::int64_t> staff_id;
};

class NoticeStore {
 public:
  explicit NoticeStore(db::Database& db) : db_(db) {}

  // Inserts the notice with version 1; a draft (unpublished). Returns the new id.
  std::int64_t insert(db::Transaction& tx, const NewNotice& n, const std::string& id_prefix);
  // Appends the next version and makes it current; returns its number.
  int add_version(db::Transaction& tx, std::int64_t id, const core::NoticeContent& c, std::int64_t at,
                  std::optional<std::int64_t> staff_id);
  void set_published(db::Transaction& tx, std::int64_t id, std::int64_t at);  // clears unpublished_at
  void set_unpublished(db::Transaction& tx, std::int64_t id, std::int64_t at);
  void set_pinned(db::Transaction& tx, std::int64_t id, bool pinned);
  void set_category(db::Transaction& tx, std::int64_t id, core::NoticeCategory c);

  std::optional<NoticeRecord> find(std::int64_t id);
  std::optional<NoticeRecord> find_by_global_id(const std::string& global_id);
  // Every notice, pinned first, then newest (published, else created) first.
  std::vector<NoticeRecord> list();
  std::vector<NoticeVersionRecord> versions(std::int64_t id);  // oldest first
  // Newest publication time per category (village and township notices alike).
  std::vector<std::pair<core::NoticeCategory, std::optional<std::int64_t>>> last_published();

  std::int64_t add_comment(db::Transaction& tx, std::int64_t notice_id, std::int64_t resident_id,
                           const std::string& text, std::int64_t at);
  std::vector<NoticeCommentRecord> comments(std::int64_t notice_id);  // oldest first
  std::optional<NoticeCommentRecord> find_comment(std::int64_t comment_id);
  // Returns false if it was handled already.
  bool mark_comment_handled(db::Transaction& tx, std::int64_t comment_id, std::int64_t staff_id, std::int64_t at);

 private:
  std::vector<NoticeRecord> select(const std::string& where, const std::string& arg);
  std::vector<core::FinanceRow> rows_of(std::int64_t id, int version);
  void insert_version(db::Transaction& tx, std::int64_t id, int version, const core::NoticeContent& c, std::int64_t at,
                      std::optional<std::int64_t> staff_id);
  db::Database& db_;
};

}  // namespace vsk::store
