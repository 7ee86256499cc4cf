#include "app/notice_service.h"

#include <filesystem>
#include <fstream>
#include <system_error>

#include <nlohmann/json.hpp>

#include "core/text.h"
#include "files/atomic_file.h"
#include "linux/disk_space.h"
#include "store/audit_store.h"

namespace vsk::app {
namespace {

using core::Message;

constexpr const char* kAuditActorTownship = "township";

bool is_png(const std::string& path) {
  static const unsigned char kMagic[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  std::ifstream in(path, std::ios::binary);
  char head[8] = {};
  if (!in.read(head, 8)) return false;
  for (int i = 0; i < 8; ++i)
    if (static_cast<unsigned char>(head[i]) != kMagic[i]) return false;
  return true;
}

}  // namespace

NoticeService::NoticeService(store::KioskStore& store, platform::Clock& clock, NoticePolicy policy)
    : store_(store), clock_(clock), policy_(std::move(policy)) {
  if (!policy_.free_bytes) policy_.free_bytes = [](const std::string& p) { return platform::free_bytes(p); };
}

core::Date NoticeService::today() const { return core::date_of(clock_.unix_seconds()); }

bool NoticeService::may(std::int64_t staff_id, core::Permission p) {
  const auto s = store_.staff().find(staff_id);
  if (!s) return false;
  const auto role = core::role_from_name(s->role);
  if (!role) return false;
  return core::allowed(core::Actor{*role, s->id, s->grid_id}, p);
}

core::Status NoticeService::check_staff(std::int64_t staff_id, core::Permission p) {
  if (!may(staff_id, p)) return Message("notice.err.not_permitted");
  return core::ok();
}

void NoticeService::audit(db::Transaction& tx, std::optional<std::int64_t> staff_id, const std::string& actor,
                          const std::string& action, const store::NoticeRecord& n, const std::string& detail) {
  store_.audit().append(tx, {clock_.unix_seconds(), staff_id, actor, action, n.global_id, detail});
}

core::Result<std::int64_t> NoticeService::create(std::int64_t staff_id, core::NoticeCategory category,
                                                 const core::NoticeContent& content) {
  if (auto st = check_staff(staff_id, core::Permission::kPublishNotice); !st) return st.error();
  if (auto err = core::notice_content_error(category, content)) return Message(*err);
  const std::string prefix = store_.settings().get_or(store::setting::kKioskCode, "KIOSK");
  auto tx = store_.begin();
  store::NewNotice n;
  n.category = category;
  n.content = content;
  n.at = clock_.unix_seconds();
  n.staff_id = staff_id;
  const std::int64_t id = store_.notices().insert(tx, n, prefix);
  const auto rec = store_.notices().find(id);
  audit(tx, staff_id, "", "notices.create", *rec, std::string(core::notice_category_name(category)));
  tx.commit();
  return id;
}

core::Result<int> NoticeService::edit(std::int64_t staff_id, std::int64_t notice_id, const core::NoticeContent& content) {
  if (auto st = check_staff(staff_id, core::Permission::kPublishNotice); !st) return st.error();
  const auto rec = store_.notices().find(notice_id);
  if (!rec) return Message("notice.err.not_found");
  if (rec->source != core::kNoticeSourceVillage) return Message("notice.err.township_readonly");
  if (auto err = core::notice_content_error(rec->category, content)) return Message(*err);
  if (content == rec->content) return Message("notice.err.unchanged");
  auto tx = store_.begin();
  const int v = store_.notices().add_version(tx, notice_id, content, clock_.unix_seconds(), staff_id);
  audit(tx, staff_id, "", "notices.edit", *rec, "version=" + std::to_string(v));
  tx.commit();
  return v;
}

core::Status NoticeService::publish(std::int64_t staff_id, std::int64_t notice_id) {
  if (auto st = check_staff(staff_id, core::Permission::kPublishNotice); !st) return st;
  const auto rec = store_.notices().find(notice_id);
  if (!rec) return Message("notice.err.not_found");
  if (core::notice_visible(rec->times, clock_.unix_seconds())) return Message("notice.err.already_published");
  if (core::notice_expired({clock_.unix_seconds(), std::nullopt, rec->content.end_date}, clock_.unix_seconds()))
    return Message("notice.err.end_passed");
  auto tx = store_.begin();
  store_.notices().set_published(tx, notice_id, clock_.unix_seconds());
  audit(tx, staff_id, "", "notices.publish", *rec, "version=" + std::to_string(rec->version));
  // The township watches each village's publication cadence (its overview's alert).
  if (rec->source == core::kNoticeSourceVillage)
    store_.sync().enqueue(tx, "notice.published",
                          nlohmann::json{{"notice", rec->global_id},
                                         {"category", std::string(core::notice_category_name(rec->category))},
                                         {"published_at", clock_.unix_seconds()}}
                              .dump(),
                          clock_.unix_seconds());
  tx.commit();
  return core::ok();
}

core::Status NoticeService::unpublish(std::int64_t staff_id, std::int64_t notice_id) {
  if (auto st = check_staff(staff_id, core::Permission::kPublishNotice); !st) return st;
  const auto rec = store_.notices().find(notice_id);
  if (!rec) return Message("notice.err.not_found");
  if (!core::notice_visible(rec->times, clock_.unix_seconds())) return Message("notice.err.not_published");
  auto tx = store_.begin();
  store_.notices().set_unpublished(tx, notice_id, clock_.unix_seconds());
  audit(tx, staff_id, "", "notices.unpublish", *rec, "");
  tx.commit();
  return core::ok();
}

core::Status NoticeService::set_pinned(std::int64_t staff_id, std::int64_t notice_id, bool pinned) {
  if (auto st = check_staff(staff_id, core::Permission::kPublishNotice); !st) return st;
  const auto rec = store_.notices().find(notice_id);
  if (!rec) return Message("notice.err.not_found");
  if (rec->pinned == pinned) return core::ok();
  auto tx = store_.begin();
  store_.notices().set_pinned(tx, notice_id, pinned);
  audit(tx, staff_id, "", pinned ? "notices.pin" : "notices.unpin", *rec, "");
  tx.commit();
  return core::ok();
}

core::Status NoticeService::attach_image(std::int64_t staff_id, std::int64_t notice_id, const std::string& png_path) {
  namespace fs = std::filesystem;
  if (auto st = check_staff(staff_id, core::Permission::kPublishNotice); !st) return st;
  const auto rec = store_.notices().find(notice_id);
  if (!rec) return Message("notice.err.not_found");
  if (policy_.image_dir.empty()) return Message("notice.err.no_image_dir");
  std::error_code ec;
  const auto size = fs::file_size(png_path, ec);
  if (ec || !is_png(png_path)) return Message("notice.err.not_png");
  if (size > policy_.max_image_bytes)
    return Message("notice.err.image_too_big").arg("kb", std::to_string(policy_.max_image_bytes / 1024));
  fs::create_directories(policy_.image_dir, ec);
  const auto free = policy_.free_bytes(policy_.image_dir);
  if (!free || *free < policy_.min_free_bytes + size) return Message("notice.err.storage_low");
  // Named by notice and next version: a file is never overwritten, old versions keep theirs.
  const std::string name = rec->global_id + "-v" + std::to_string(rec->version + 1) + ".png";
  const fs::path dest = fs::path(policy_.image_dir) / name;
  try {
    platform::copy_file_atomically(png_path, dest.string(), {.mode = 0644, .replace = false});
  } catch (const std::system_error&) {
    return Message("notice.err.image_copy");
  }
  core::NoticeContent c = rec->content;
  c.image_path = dest.string();
  auto tx = store_.begin();
  const int v = store_.notices().add_version(tx, notice_id, c, clock_.unix_seconds(), staff_id);
  audit(tx, staff_id, "", "notices.image", *rec, "version=" + std::to_string(v) + " bytes=" + std::to_string(size));
  tx.commit();
  return core::ok();
}

core::Result<TownshipUpsert> NoticeService::upsert_township(const TownshipNotice& n) {
  auto tx = store_.begin();
  auto r = upsert_township(tx, n);
  if (r) tx.commit();
  return r;
}

core::Result<TownshipUpsert> NoticeService::upsert_township(db::Transaction& tx, const TownshipNotice& n) {
  if (n.global_id.empty()) return Message("notice.err.no_global_id");
  if (auto err = core::notice_content_error(n.category, n.content)) return Message(*err);
  const auto existing = store_.notices().find_by_global_id(n.global_id);
  if (existing && existing->source != core::kNoticeSourceTownship) return Message("notice.err.global_id_taken");
  const std::int64_t now = clock_.unix_seconds();
  TownshipUpsert outcome = TownshipUpsert::kUnchanged;
  std::int64_t id = 0;
  if (!existing) {
    store::NewNotice nn;
    nn.global_id = n.global_id;
    nn.source = core::kNoticeSourceTownship;
    nn.category = n.category;
    nn.content = n.content;
    nn.at = now;
    id = store_.notices().insert(tx, nn, "");
    if (!n.withdrawn) store_.notices().set_published(tx, id, n.published_at);
    outcome = TownshipUpsert::kInserted;
  } else {
    id = existing->id;
    if (existing->category != n.category) {
      store_.notices().set_category(tx, id, n.category);
      outcome = TownshipUpsert::kUpdated;
    }
    if (existing->content != n.content) {
      store_.notices().add_version(tx, id, n.content, now, std::nullopt);
      outcome = TownshipUpsert::kUpdated;
    }
    const bool shown = existing->times.published_at && !existing->times.unpublished_at;
    if (n.withdrawn && shown) {
      store_.notices().set_unpublished(tx, id, now);
      outcome = TownshipUpsert::kUpdated;
    } else if (!n.withdrawn && (!shown || existing->times.published_at != n.published_at)) {
      store_.notices().set_published(tx, id, n.published_at);
      outcome = TownshipUpsert::kUpdated;
    }
  }
  if (outcome != TownshipUpsert::kUnchanged) {
    const auto rec = store_.notices().find(id);
    audit(tx, std::nullopt, kAuditActorTownship,
          outcome == TownshipUpsert::kInserted ? "notices.township_insert" : "notices.township_update", *rec,
          "version=" + std::to_string(rec->version));
  }
  return outcome;
}

core::Result<std::int64_t> NoticeService::comment(std::int64_t resident_id, std::int64_t notice_id,
                                                  const std::string& text) {
  const auto rec = store_.notices().find(notice_id);
  if (!rec || !core::notice_visible(rec->times, clock_.unix_seconds())) return Message("notice.err.not_found");
  if (!store_.residents().find(resident_id)) return Message("notice.err.identify_first");
  if (text.empty()) return Message("notice.err.empty_comment");
  if (text.size() > policy_.max_comment_bytes || !core::displayable_text(text)) return Message("notice.err.bad_text");
  auto tx = store_.begin();
  const std::int64_t id = store_.notices().add_comment(tx, notice_id, resident_id, text, clock_.unix_seconds());
  tx.commit();
  return id;
}

core::Status NoticeService::mark_comment_handled(std::int64_t staff_id, std::int64_t comment_id) {
  if (auto st = check_staff(staff_id, core::Permission::kHandleNoticeComments); !st) return st;
  const auto c = store_.notices().find_comment(comment_id);
  if (!c) return Message("notice.err.not_found");
  const auto rec = store_.notices().find(c->notice_id);
  auto tx = store_.begin();
  if (!store_.notices().mark_comment_handled(tx, comment_id, staff_id, clock_.unix_seconds()))
    return Message("notice.err.already_handled");
  audit(tx, staff_id, "", "notices.comment_handled", *rec, "comment=" + std::to_string(comment_id));
  tx.commit();
  return core::ok();
}

std::vector<store::NoticeRecord> NoticeService::visible() {
  std::vector<store::NoticeRecord> out;
  const std::int64_t now = clock_.unix_seconds();
  for (auto& n : store_.notices().list())
    if (core::notice_visible(n.times, now)) out.push_back(std::move(n));
  return out;
}

std::vector<core::NoticeCategory> NoticeService::overdue_categories() {
  return core::overdue_categories(store_.notices().last_published(), clock_.unix_seconds());
}

}  // namespace vsk::app
