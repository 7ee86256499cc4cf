// Notice use cases (村务公开): staff create, edit (a new version each time), publish,
// unpublish, pin and attach an image; the township's notices arrive from outside (sync);
// residents leave opinions that staff mark handled. Every write runs in one transaction with
// its audit row; callers learn success only after the commit.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/notice.h"
#include "core/permissions.h"
#include "core/result.h"
#include "platform/clock.h"
#include "store/kiosk_store.h"

namespace vsk::app {

struct NoticePolicy {
  std::string image_dir;                            // DATA_DIR/notice-images; empty: no images here
  std::uint64_t max_image_bytes = 2 * 1024 * 1024;  // a notice photo, not a scan archive
  std::uint64_t min_free_bytes = 200ull * 1024 * 1024;  // as the backups' minimum: keep room for the records
  // Free space on the file system of a path (platform::free_bytes); replaceable in tests.
  std::function<std::optional<std::uint64_t>(const std::string&)> free_bytes;
  std::size_t max_comment_bytes = 600;  // about 200 Chinese characters
};

// A notice the township published, as sync hands it over. `global_id` is the township's id:
// the same id again updates the notice instead of adding one.
struct TownshipNotice {
  std::string global_id;
  core::NoticeCategory category = core::NoticeCategory::kPolicy;
  core::NoticeContent content;
  std::int64_t published_at = 0;
  bool withdrawn = false;  // the township took it down
};

enum class TownshipUpsert { kInserted, kUpdated, kUnchanged };

class NoticeService {
 public:
  NoticeService(store::KioskStore& store, platform::Clock& clock, NoticePolicy policy = {});

  core::Result<std::int64_t> create(std::int64_t staff_id, core::NoticeCategory category,
                                    const core::NoticeContent& content);
  // Writes a new version (the old ones stay); returns its number. Unchanged content is refused.
  core::Result<int> edit(std::int64_t staff_id, std::int64_t notice_id, const core::NoticeContent& content);
  core::Status publish(std::int64_t staff_id, std::int64_t notice_id);
  core::Status unpublish(std::int64_t staff_id, std::int64_t notice_id);
  core::Status set_pinned(std::int64_t staff_id, std::int64_t notice_id, bool pinned);
  // Copies the PNG at `png_path` into the image dir and makes a new version that shows it.
  core::Status attach_image(std::int64_t staff_id, std::int64_t notice_id, const std::string& png_path);

  // The sync entry point; idempotent by global id.
  core::Result<TownshipUpsert> upsert_township(const TownshipNotice& n);
  // The same inside the caller's transaction (sync applies a pulled page in one).
  core::Result<TownshipUpsert> upsert_township(db::Transaction& tx, const TownshipNotice& n);

  // A resident's opinion on a visible notice.
  core::Result<std::int64_t> comment(std::int64_t resident_id, std::int64_t notice_id, const std::string& text);
  core::Status mark_comment_handled(std::int64_t staff_id, std::int64_t comment_id);

  // What residents see now: visible notices, pinned first, newest first.
  std::vector<store::NoticeRecord> visible();
  std::vector<core::NoticeCategory> overdue_categories();
  bool may(std::int64_t staff_id, core::Permission p);
  core::Date today() const;
  const NoticePolicy& policy() const { return policy_; }

 private:
  core::Status check_staff(std::int64_t staff_id, core::Permission p);
  void audit(db::Transaction& tx, std::optional<std::int64_t> staff_id, const std::string& actor,
             const std::string& action, const store::NoticeRecord& n, const std::string& detail);

  store::KioskStore& store_;
  platform::Clock& clock_;
  NoticePolicy policy_;
};

}  // namespace vsk::app
