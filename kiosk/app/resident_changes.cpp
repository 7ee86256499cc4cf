#include "app/resident_changes.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "residents/roll_fields.h"
#include "residents/roll_parser.h"

namespace vsk::app {
namespace {

core::Result<store::ResidentRecord> existing(store::KioskStore& store, std::int64_t id) {
  auto r = store.residents().find(id);
  if (!r) return core::Message("resident.err.not_found");
  return *r;
}

// One change: the record rewritten, audited and queued for the township, in one transaction.
void save(store::KioskStore& store, const store::ResidentRecord& r, const ActingStaff& who, const std::string& action,
          const std::string& detail, std::int64_t now) {
  auto tx = store.begin();
  store.residents().update(tx, r);
  store.audit().append(tx, who.entry(now, action, "resident:" + std::to_string(r.id), detail));
  enqueue_resident(store, tx, r, r.household_no.value_or(""), r.grid_name, now);
  tx.commit();
}

}  // namespace

void enqueue_resident(store::KioskStore& store, db::Transaction& tx, const store::ResidentRecord& r,
                      const std::string& household_no, const std::string& grid, std::int64_t now) {
  const nlohmann::json p = {{"resident_id", r.id},   {"household_no", household_no}, {"name", r.name},
                            {"gender", r.gender},    {"birth_date", r.birth_date},   {"relation", r.relation},
                            {"is_head", r.is_head},  {"grid", grid},                 {"status", r.status},
                            {"status_date", r.status_date.value_or("")}};
  store.sync().enqueue(tx, "residents.upserted", p.dump(), now);
}

std::optional<store::ResidentRecord> active_head_of(store::KioskStore& store, std::int64_t household_id,
                                                    std::int64_t except) {
  for (std::int64_t id : store.resident_search().household_members(household_id)) {
    auto m = store.residents().find(id);
    if (m && m->id != except && m->is_head && m->status == "active") return m;
  }
  return std::nullopt;
}

const std::vector<std::string>& resident_relations() {
  static const std::vector<std::string> kRelations = {"户主", "配偶", "子", "女", "父亲", "母亲", "孙子", "孙女",
                                                      "儿媳", "女婿", "兄弟姐妹", "其他"};
  return kRelations;
}

core::Status set_resident_phone(store::KioskStore& store, std::int64_t resident_id, const std::string& phone,
                                const ActingStaff& who, std::int64_t now_unix) {
  auto r = existing(store, resident_id);
  if (!r) return r.error();
  residents::Cell cell;
  cell.kind = phone.empty() ? residents::Cell::Kind::kEmpty : residents::Cell::Kind::kText;
  cell.text = phone;
  const auto read = residents::read_phone(cell);
  if (read.error) return core::Message("resident.err.phone");
  r.value().phone = read.value && !read.value->empty() ? read.value : std::nullopt;
  save(store, r.value(), who, "resident_info.phone", "", now_unix);  // the number itself stays out of the audit
  return core::ok();
}

core::Status set_resident_relation(store::KioskStore& store, std::int64_t resident_id, const std::string& relation,
                                   const ActingStaff& who, std::int64_t now_unix) {
  auto r = existing(store, resident_id);
  if (!r) return r.error();
  const auto& known = resident_relations();
  if (std::find(known.begin(), known.end(), relation) == known.end()) return core::Message("resident.err.relation");
  const bool head = residents::is_head_relation(relation);
  if (head && !r.value().is_head)
    if (const auto other = active_head_of(store, r.value().household_id, resident_id))
      return core::Message("resident.err.two_heads").arg("name", other->name);
  r.value().relation = relation;
  r.value().is_head = head;
  save(store, r.value(), who, "resident_info.relation", relation, now_unix);
  return core::ok();
}

core::Status set_household_grid(store::KioskStore& store, std::int64_t resident_id, std::int64_t grid_id,
                                const ActingStaff& who, std::int64_t now_unix) {
  auto r = existing(store, resident_id);
  if (!r) return r.error();
  const auto grid = store.households().grid_name(grid_id);
  auto household = store.households().find(r.value().household_id);
  if (!grid || !household) return core::Message("resident.err.not_found");
  household->grid_id = grid_id;
  auto tx = store.begin();
  store.households().update(tx, *household);
  store.audit().append(tx, who.entry(now_unix, "household.grid", "household:" + std::to_string(household->id), *grid));
  for (std::int64_t id : store.resident_search().household_members(household->id)) {
    auto m = store.residents().find(id);  // read inside the transaction: the new grid
    if (m) enqueue_resident(store, tx, *m, m->household_no.value_or(""), *grid, now_unix);
  }
  tx.commit();
  return core::ok();
}

core::Status set_resident_status(store::KioskStore& store, std::int64_t resident_id, const std::string& status,
                                 const std::string& date, const core::Date& today, const ActingStaff& who,
                                 std::int64_t now_unix) {
  auto r = existing(store, resident_id);
  if (!r) return r.error();
  if (status != "active" && status != "moved_out" && status != "deceased") return core::Message("resident.err.status");
  if (status == "active") {
    r.value().status_date.reset();
  } else {
    residents::Cell cell;
    cell.kind = residents::Cell::Kind::kText;
    cell.text = date;
    const auto d = residents::read_date(cell, today);
    if (!d.value || d.error) return core::Message("resident.err.status_date");
    r.value().status_date = core::format_date(*d.value);
  }
  r.value().status = status;
  save(store, r.value(), who, "resident_info.status", status + (r.value().status_date ? " " + *r.value().status_date : ""),
       now_unix);
  return core::ok();
}

}  // namespace vsk::app
