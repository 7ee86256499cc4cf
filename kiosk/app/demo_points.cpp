#include "app/demo_points.h"

#include <cstdlib>
#include <vector>

#include "app/points_service.h"

namespace vsk::app {
namespace {

constexpr std::int64_t kDay = 86400;

// A small LCG: the same village gets the same year every time.
struct Rng {
  std::uint64_t s;
  std::uint32_t next(std::uint32_t n) {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>((s >> 33) % n);
  }
};

// How often each rule comes up in a year (awards far more often than deductions).
int weight(const core::PointsRule& r) {
  if (r.points < 0) return r.points <= -10 ? 1 : 3;
  if (r.points >= 20) return 1;
  return r.max_per_month >= 2 ? 10 : 5;
}

struct Person {
  std::int64_t id;
  std::int64_t household;
};

// The demo year's ledger, written in one transaction in a fixed order (the random choices and
// the entries' sequence numbers follow it).
class DemoLedger {
 public:
  DemoLedger(store::KioskStore& store, const core::PointsRules& rules, std::int64_t now, db::Transaction& tx,
             std::int64_t clerk, std::int64_t admin)
      : rules_(rules), now_(now), tx_(tx), points_(store.points()), clerk_(clerk), admin_(admin) {}

  std::int64_t add(const Person& p, const core::PointsRule& rule, std::int64_t at, bool approve_later) {
    store::NewPointsEntry e;
    e.at = at;
    e.household_id = p.household;
    if (rule.applies_to == core::PointsSubject::kPerson) e.resident_id = p.id;
    e.rule_id = rule.id;
    e.delta = rule.points;
    e.evidence = rule.evidence;
    e.staff_id = clerk_;
    e.needs_approval = std::abs(e.delta) >= policy_.approval_threshold;
    if (!e.needs_approval) e.due_at = at + policy_.notice_days * kDay;
    const std::int64_t seq = points_.append(tx_, e);
    if (e.needs_approval && approve_later) {
      points_.add_approval(tx_, seq, true, admin_, "", at + kDay);
      points_.set_due(tx_, seq, at + kDay + policy_.notice_days * kDay);
    }
    ++report.entries;
    return seq;
  }
  const core::PointsRule& rule(const char* id) const { return *rules_.find(id); }

  // The year, day by day: a few entries a day, at office hours.
  void year(const std::vector<Person>& people) {
    std::vector<const core::PointsRule*> bag;
    for (const auto& r : rules_.rules)
      for (int i = 0; i < weight(r); ++i) bag.push_back(&r);
    for (std::int64_t day = 365; day >= 1; --day) {
      const int n = static_cast<int>(rng_.next(5));
      for (int i = 0; i < n; ++i) {
        const Person& p = people[rng_.next(static_cast<std::uint32_t>(people.size()))];
        const core::PointsRule& r = *bag[rng_.next(static_cast<std::uint32_t>(bag.size()))];
        const std::int64_t at = now_ - day * kDay + (static_cast<int>(rng_.next(7)) - 3) * 3600;
        add(p, r, at, /*approve_later=*/day > 3);
      }
    }
  }

  // The demo logins' households: regular entries over the year and some in notice now.
  void logins(const std::vector<Person>& logins) {
    for (std::size_t i = 0; i < logins.size(); ++i) {
      const Person& p = logins[i];
      for (int m = 11; m >= 1; --m) {
        add(p, rule("clean_courtyard"), now_ - m * 30 * kDay, true);
        if (m % 3 == 0) add(p, rule("volunteer_service"), now_ - m * 30 * kDay + 2 * kDay, true);
      }
      add(p, rule("medical_insurance"), now_ - 200 * kDay, true);
      if (i == 0) add(p, rule("civilized_family"), now_ - 150 * kDay, true);
      if (i == 1) add(p, rule("littering"), now_ - 90 * kDay, true);
      add(p, rule("environment_upkeep"), now_ - 2 * kDay, true);  // in notice
      add(p, rule("village_meeting"), now_ - 4 * kDay, true);     // in notice
    }
  }

  // One open objection (the first login disputes a deduction still in notice), one dismissed
  // earlier in the year.
  void objections(const std::vector<Person>& logins) {
    if (!logins.empty()) {
      const std::int64_t seq = add(logins[0], rule("littering"), now_ - 3 * kDay, true);
      points_.add_objection(tx_, seq, logins[0].id, "objection.phrase.not_me", now_ - 1 * kDay);
      points_.set_due(tx_, seq, std::nullopt);
    }
    if (logins.size() > 1) {
      const std::int64_t seq = add(logins[1], rule("straw_burning"), now_ - 120 * kDay, true);
      const std::int64_t o = points_.add_objection(tx_, seq, logins[1].id, "objection.phrase.wrong_date", now_ - 118 * kDay);
      points_.add_resolution(tx_, o, false, "resolution.phrase.photo_confirms", admin_, std::nullopt, now_ - 116 * kDay);
      points_.finalize(tx_, seq);
    }
  }

  // A few large entries waiting for the second staff member, and a good deed declared at the
  // kiosk waiting for review.
  void waiting(const std::vector<Person>& people, const std::vector<Person>& logins) {
    for (int i = 0; i < 3; ++i) {
      const Person& p = people[rng_.next(static_cast<std::uint32_t>(people.size()))];
      add(p, rule(i == 1 ? "illegal_building" : "good_samaritan"), now_ - (i + 1) * 3600 * 5, false);
    }
    if (!logins.empty())
      points_.add_claim(tx_, logins.back().id, logins.back().household, "help_elderly", "claim.phrase.helped_neighbour",
                        now_ - 6 * 3600);
  }

  void shop() {
    const store::GoodsRow goods[] = {
        {0, "洗衣皂", "Laundry soap", 10, "points/goods/soap.png", 40},
        {0, "毛巾", "Towel", 20, "points/goods/towel.png", 25},
        {0, "酱油", "Soy sauce", 25, "points/goods/soy_sauce.png", 18},
        {0, "鸡蛋一盒", "Box of eggs", 30, "points/goods/eggs.png", 12},
        {0, "食用油 5L", "Cooking oil 5 L", 80, "points/goods/oil.png", 6},
        {0, "大米 10kg", "Rice 10 kg", 120, "points/goods/rice.png", 0},
    };
    for (const auto& g : goods) {
      points_.add_goods(tx_, g, admin_, now_ - 200 * kDay);
      ++report.goods;
    }
    points_.settle(tx_, now_);
  }

  DemoPointsReport report;

 private:
  const core::PointsRules& rules_;
  const std::int64_t now_;
  db::Transaction& tx_;
  store::PointsStore& points_;
  const std::int64_t clerk_, admin_;
  const core::PointsPolicy policy_;
  Rng rng_{20261123};
};

}  // namespace

DemoPointsReport seed_demo_points(store::KioskStore& store, const core::PointsRules& rules, std::int64_t now) {
  std::vector<Person> people;
  std::vector<Person> logins;  // residents with a PIN: the demo's screens
  for (const auto& r : store.residents().keys()) {
    people.push_back({r.id, r.household_id});
    if (r.has_pin) logins.push_back(people.back());
  }
  std::int64_t clerk = 0, admin = 0;
  for (const auto& s : store.staff().list()) {  // the lowest id of each role
    if (s.role == "admin" && (!admin || s.id < admin)) admin = s.id;
    if (s.role == "clerk" && (!clerk || s.id < clerk)) clerk = s.id;
  }
  if (people.empty() || !clerk || !admin) return {};
  auto tx = store.begin();
  DemoLedger ledger(store, rules, now, tx, clerk, admin);
  ledger.year(people);
  ledger.logins(logins);
  ledger.objections(logins);
  ledger.waiting(people, logins);
  ledger.shop();
  tx.commit();
  return ledger.report;
}

}  // namespace vsk::app
