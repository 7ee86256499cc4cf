#include "app/roll_import.h"

#include "app/resident_changes.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/id_number.h"
#include "store/household_store.h"

namespace vsk::app {
namespace {

using residents::RollRow;
using residents::Severity;

class Importer {
 public:
  Importer(store::KioskStore& store, db::Transaction& tx, RollImportReport& report, const RollImportOptions& options,
           std::int64_t now)
      : store_(store), households_(store.households()), tx_(tx), report_(report), options_(options), now_(now) {}

  void run() {
    std::map<std::string, std::vector<const RollRow*>> by_household;
    std::vector<std::string> order;  // households in file order
    for (const RollRow& r : report_.parse.rows) {
      if (report_.parse.bad_rows.count(r.row)) continue;
      auto& members = by_household[r.household_no];
      if (members.empty()) order.push_back(r.household_no);
      members.push_back(&r);
    }
    for (const std::string& no : order) import_household(no, by_household[no]);
    report_.skipped_rows = static_cast<int>(report_.parse.bad_rows.size());
    find_missing();
  }

 private:
  void problem(int row, const std::string& column, core::Message reason) {
    report_.parse.problems.push_back({row, column, Severity::kError, std::move(reason)});
    report_.parse.bad_rows.insert(row);
  }

  // The head's row speaks for the household: address, grid, 村民小组.
  std::optional<std::int64_t> grid_for(const RollRow& head, const std::optional<store::HouseholdRecord>& existing) {
    if (head.grid.empty()) {
      if (existing) return existing->grid_id;
      if (households_.grid_count() == 1) return store_.residents().grids().front().first;
      problem(head.row, "网格", core::Message("roll.grid.empty"));
      return std::nullopt;
    }
    if (const auto id = households_.grid_by_name(head.grid)) return *id;
    if (!options_.create_grids) {
      problem(head.row, "网格", core::Message("roll.grid.unknown").arg("value", head.grid));
      return std::nullopt;
    }
    ++report_.new_grids;
    return households_.insert_grid(tx_, head.grid);
  }

  void import_household(const std::string& no, const std::vector<const RollRow*>& members) {
    const RollRow& head = **std::find_if(members.begin(), members.end(), [](const RollRow* r) { return r->is_head; });
    auto household = households_.find_by_no(no);
    const auto grid = grid_for(head, household);
    if (!grid) {
      for (const RollRow* m : members) report_.parse.bad_rows.insert(m->row);
      return;
    }
    store::HouseholdRecord wanted{household ? household->id : 0, no, *grid, head.address, head.village_group};
    if (!household) {
      wanted.id = households_.insert(tx_, wanted);
      ++report_.new_households;
    } else if (household->grid_id != wanted.grid_id || household->address != wanted.address ||
               household->village_group != wanted.village_group) {
      households_.update(tx_, wanted);
      ++report_.changed_households;
    }
    const std::string grid_name = households_.grid_name(*grid).value_or("");
    const bool household_changed = !household || household->grid_id != wanted.grid_id || household->address != wanted.address;
    for (const RollRow* m : members) import_resident(*m, wanted.id, no, grid_name, household_changed);
  }

  void import_resident(const RollRow& row, std::int64_t household_id, const std::string& no, const std::string& grid,
                       bool household_changed) {
    auto existing = store_.residents().find_by_id_number(row.id_number);
    store::ResidentRecord r = existing.value_or(store::ResidentRecord{});
    r.household_id = household_id;
    r.name = row.name;
    r.id_number = row.id_number;
    r.gender = row.gender;
    r.birth_date = row.birth_date;
    r.phone = row.phone.empty() ? std::nullopt : std::optional<std::string>(row.phone);
    r.relation = row.relation;
    r.is_head = row.is_head;
    r.ethnicity = row.ethnicity;
    r.status = "active";  // on the roll again: back from 迁出
    r.status_date.reset();
    if (!existing) {
      r.id = store_.residents().insert(tx_, r);
      ++report_.new_residents;
      enqueue_resident(store_, tx_, r, no, grid, now_);
    } else if (differs(*existing, r)) {
      store_.residents().update(tx_, r);
      ++report_.changed;
      enqueue_resident(store_, tx_, r, no, grid, now_);
    } else {
      ++report_.unchanged;
      if (household_changed) enqueue_resident(store_, tx_, r, no, grid, now_);  // same person, new address
    }
    seen_.insert(r.id);
  }

  static bool differs(const store::ResidentRecord& a, const store::ResidentRecord& b) {
    const auto phone = [](const store::ResidentRecord& r) { return r.phone.value_or(""); };
    return a.household_id != b.household_id || a.name != b.name || a.gender != b.gender ||
           a.birth_date != b.birth_date || phone(a) != phone(b) || a.relation != b.relation ||
           a.is_head != b.is_head || a.ethnicity != b.ethnicity || a.status != b.status;
  }

  // Active residents the roll does not list; a row with an error still names its person.
  void find_missing() {
    for (const RollRow& r : report_.parse.rows)
      if (!r.id_number.empty())
        if (const auto found = store_.residents().find_by_id_number(r.id_number)) seen_.insert(found->id);
    for (const std::int64_t id : store_.residents().ids_with_status("active")) {
      if (seen_.count(id)) continue;
      auto r = *store_.residents().find(id);
      report_.missing.push_back({id, r.name, core::mask_id_number(r.id_number), r.household_no.value_or("")});
      if (!options_.mark_missing_moved_out) continue;
      r.status = "moved_out";
      r.status_date = core::format_date(core::date_of(now_));
      store_.residents().update(tx_, r);
      enqueue_resident(store_, tx_, r, r.household_no.value_or(""), r.grid_name, now_);
      ++report_.moved_out;
    }
  }

  store::KioskStore& store_;
  store::HouseholdStore& households_;
  db::Transaction& tx_;
  RollImportReport& report_;
  const RollImportOptions& options_;
  std::int64_t now_;
  std::set<std::int64_t> seen_;
};

std::string summary(const RollImportReport& r) {
  return "new=" + std::to_string(r.new_residents) + " changed=" + std::to_string(r.changed) +
         " unchanged=" + std::to_string(r.unchanged) + " households_new=" + std::to_string(r.new_households) +
         " grids_new=" + std::to_string(r.new_grids) + " skipped=" + std::to_string(r.skipped_rows) +
         " missing=" + std::to_string(r.missing.size()) + " moved_out=" + std::to_string(r.moved_out);
}

}  // namespace

RollImportReport import_roll(store::KioskStore& store, residents::RollParse parse, const RollImportOptions& options,
                             std::int64_t now_unix) {
  RollImportReport report;
  report.parse = std::move(parse);
  const std::string actor = options.staff_id ? "" : store::kAuditActorKioskctl;
  {
    auto tx = store.begin();
    if (report.parse.usable()) Importer(store, tx, report, options, now_unix).run();
    std::stable_sort(report.parse.problems.begin(), report.parse.problems.end(),
                     [](const residents::RollProblem& a, const residents::RollProblem& b) { return a.row < b.row; });
    const bool clean = report.parse.usable() && (options.skip_bad || report.parse.errors() == 0);
    if (clean && !options.dry_run) {
      // The file's name and the counts; never ID numbers (audit_redact would refuse them anyway).
      store.audit().append(tx, {now_unix, options.staff_id, actor, "residents.import", options.source, summary(report)});
      tx.commit();
      report.committed = true;
      return report;
    }
  }  // rolled back: nothing changed
  // A dry run or a refused import still read the village's residents (the missing list): audited.
  auto tx = store.begin();
  store.audit().append(tx, {now_unix, options.staff_id, actor,
                            options.dry_run ? "residents.import_dry_run" : "residents.import_refused", options.source,
                            summary(report)});
  tx.commit();
  return report;
}

}  // namespace vsk::app
