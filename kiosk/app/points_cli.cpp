#include "app/points_cli.h"

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/bootstrap.h"
#include "app/points_rules_loader.h"
#include "app/points_service.h"
#include "core/id_number.h"
#include "platform/clock.h"
#include "platform/pin_hasher.h"
#include "platform/random.h"

namespace vsk::app {
namespace {

using nlohmann::json;

struct Subject {
  std::optional<store::ResidentRecord> resident;
  std::int64_t household_id = 0;
};

// An 18-character ID number names a resident; a short number is a household id.
std::optional<Subject> find_subject(store::KioskStore& store, const std::string& which) {
  Subject s;
  if (which.size() == 18) {
    const std::string id = core::normalize_id_number(which);
    if (core::validate_id_number(id)) return std::nullopt;
    s.resident = store.residents().find_by_id_number(id);
    if (!s.resident) return std::nullopt;
    s.household_id = s.resident->household_id;
    return s;
  }
  if (which.empty() || which.size() > 9 || which.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  s.household_id = std::stoll(which);
  if (store.points().household_standing(s.household_id).grid_id == 0) return std::nullopt;
  return s;
}

void audit_export(store::KioskStore& store, const std::string& target, bool as_json) {
  auto tx = store.begin();
  store.audit().append(tx, {platform::SystemClock().unix_seconds(), std::nullopt, store::kAuditActorKioskctl, "export",
                            target, as_json ? "format:json" : "format:text"});
  tx.commit();
}

json entry_json(PointsService& service, const store::PointsEntryView& v) {
  const auto& e = v.entry;
  return {{"seq", e.seq},
          {"at", e.at},
          {"household_id", e.household_id},
          {"resident", v.resident_name},
          {"rule", e.rule_id},
          {"kind", std::string(core::points_kind_name(e.kind))},
          {"delta", e.delta},
          {"reverses", e.reverses ? json(*e.reverses) : json(nullptr)},
          {"reversed_by", v.reversed_by ? json(*v.reversed_by) : json(nullptr)},
          {"reason", e.reason},
          {"evidence", e.evidence},
          {"staff", v.staff_name},
          {"state", std::string(core::points_state_name(service.state_of(v)))}};
}

// `points goods list` / `points goods add --zh NAME --en NAME --price N --stock N [--picture P]`:
// stocking the 积分超市 from the office PC (the kiosk's staff screen restocks and marks collected).
int goods_command(store::KioskStore& store, const std::vector<std::string>& args, bool as_json) {
  if (args.size() == 1 && args[0] == "list") {
    json list = json::array();
    for (const auto& g : store.points().goods()) {
      list.push_back({{"id", g.id}, {"name_zh", g.name_zh}, {"name_en", g.name_en}, {"price", g.price},
                      {"stock", g.stock}, {"picture", g.picture}});
      if (!as_json)
        std::printf("%3lld  %-12s %5lld points  stock %lld\n", static_cast<long long>(g.id), g.name_zh.c_str(),
                    static_cast<long long>(g.price), static_cast<long long>(g.stock));
    }
    if (as_json) std::cout << list.dump(2) << "\n";
    return 0;
  }
  if (args.empty() || args[0] != "add") return 2;
  store::GoodsRow g;
  for (std::size_t i = 1; i + 1 < args.size(); i += 2) {
    const std::string& k = args[i];
    const std::string& v = args[i + 1];
    try {
      if (k == "--zh") g.name_zh = v;
      else if (k == "--en") g.name_en = v;
      else if (k == "--price") g.price = std::stoll(v);
      else if (k == "--stock") g.stock = std::stoll(v);
      else if (k == "--picture") g.picture = v;
      else return 2;
    } catch (const std::exception&) {
      std::cerr << "kioskctl: " << k << " needs a number\n";
      return 2;
    }
  }
  if (g.name_zh.empty() || g.name_zh.size() > 60 || g.price <= 0 || g.stock < 0) {
    std::cerr << "kioskctl: goods need --zh NAME (up to 20 characters), --price above 0 and --stock 0 or more\n";
    return 2;
  }
  if (g.name_en.empty()) g.name_en = g.name_zh;
  const std::int64_t now = platform::SystemClock().unix_seconds();
  auto tx = store.begin();
  const std::int64_t id = store.points().add_goods(tx, g, std::nullopt, now);
  store.audit().append(tx, {now, std::nullopt, store::kAuditActorKioskctl, "points.goods_added", "goods:" + std::to_string(id),
                            "price:" + std::to_string(g.price) + "; stock:" + std::to_string(g.stock)});
  tx.commit();
  std::printf("added goods %lld: %s, %lld points, %lld in stock\n", static_cast<long long>(id), g.name_zh.c_str(),
              static_cast<long long>(g.price), static_cast<long long>(g.stock));
  return 0;
}

int verify_command(store::KioskStore& store, bool as_json) {
  const core::AuditVerifyResult r = store.points().verify();
  if (as_json) {
    std::cout << json{{"ok", r.ok},
                      {"entries", r.entries},
                      {"bad_seq", r.bad_seq ? json(*r.bad_seq) : json(nullptr)},
                      {"problem", std::string(core::audit_problem_name(r.problem))},
                      {"reason", r.reason}}
                     .dump(2)
              << "\n";
  } else if (r.ok) {
    std::printf("points ledger ok: %lld entries\n", static_cast<long long>(r.entries));
  } else {
    std::printf("points ledger BROKEN at entry %lld (%s): %s\n", static_cast<long long>(*r.bad_seq),
                std::string(core::audit_problem_name(r.problem)).c_str(), r.reason.c_str());
  }
  return r.ok ? 0 : 1;
}

int balance_command(store::KioskStore& store, const Subject& subject, bool as_json) {
  const store::HouseholdStanding h = store.points().household_standing(subject.household_id);
  json j = {{"household_id", subject.household_id},
            {"household", {{"final", h.balance.final_points}, {"pending", h.balance.pending_points},
                           {"rank", h.rank}, {"households", h.households}, {"grid", h.grid_name},
                           {"grid_rank", h.grid_rank}, {"grid_households", h.grid_households}}}};
  if (subject.resident) {
    const store::PointsBalance b = store.points().resident_balance(subject.resident->id);
    j["resident"] = {{"name", subject.resident->name},
                     {"id_number", core::mask_id_number(subject.resident->id_number)},
                     {"final", b.final_points},
                     {"pending", b.pending_points}};
  }
  if (as_json) {
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  if (subject.resident)
    std::printf("resident %s %s: final %lld, pending %lld\n", subject.resident->name.c_str(),
                core::mask_id_number(subject.resident->id_number).c_str(),
                static_cast<long long>(j["resident"]["final"].get<std::int64_t>()),
                static_cast<long long>(j["resident"]["pending"].get<std::int64_t>()));
  std::printf("household %lld: final %lld, pending %lld, rank %d of %d in the village, %d of %d in %s\n",
              static_cast<long long>(subject.household_id), static_cast<long long>(h.balance.final_points),
              static_cast<long long>(h.balance.pending_points), h.rank, h.households, h.grid_rank,
              h.grid_households, h.grid_name.c_str());
  return 0;
}

// The resident's own entries, or the whole household's.
int history_command(store::KioskStore& store, PointsService& service, const core::PointsRules& rules,
                    const Subject& subject, bool as_json) {
  json out = json::array();
  constexpr int kPage = 500;
  for (int offset = 0;; offset += kPage) {
    const auto page = subject.resident ? store.points().resident_history(subject.resident->id, kPage, offset)
                                       : store.points().household_history(subject.household_id, kPage, offset);
    for (const auto& v : page) {
      json e = entry_json(service, v);
      if (!as_json) {
        const core::PointsRule* rule = rules.find(v.entry.rule_id);
        std::printf("%6lld  %+5lld  %-16s %-10s %s %s\n", static_cast<long long>(v.entry.seq),
                    static_cast<long long>(v.entry.delta), e["state"].get<std::string>().c_str(),
                    e["kind"].get<std::string>().c_str(), rule ? rule->name_zh.c_str() : v.entry.rule_id.c_str(),
                    v.entry.reason.c_str());
      }
      out.push_back(std::move(e));
    }
    if (static_cast<int>(page.size()) < kPage) break;
  }
  if (as_json) std::cout << out.dump(2) << "\n";
  return 0;
}

}  // namespace

int points_command(const std::string& data_dir, const std::vector<std::string>& args) {
  const bool as_json = !args.empty() && args.back() == "--json";
  const std::size_t n = args.size() - (as_json ? 1 : 0);
  if (n == 0) return 2;
  const std::string& cmd = args[0];
  platform::SodiumPinHasher hasher;
  auto village = open_village(data_dir, hasher, false);
  store::KioskStore& store = *village.store;

  if (cmd == "verify" && n == 1) return verify_command(store, as_json);
  if (cmd == "goods") return goods_command(store, std::vector<std::string>(args.begin() + 1, args.begin() + n), as_json);
  if ((cmd != "balance" && cmd != "history") || n != 2) return 2;

  const core::PointsRules rules = load_points_rules(default_assets_dir() + "/points/rules.json");
  platform::SystemClock clock;
  platform::SodiumRandom random;
  PointsService service(store, rules, clock, random);
  const auto subject = find_subject(store, args[1]);
  if (!subject) {
    std::cerr << "kioskctl: no resident with that ID number and no household with that id\n";
    return 1;
  }
  audit_export(store, subject->resident ? "points:resident:" + std::to_string(subject->resident->id)
                                        : "points:household:" + std::to_string(subject->household_id),
               as_json);
  service.settle();
  if (cmd == "balance") return balance_command(store, *subject, as_json);
  return history_command(store, service, rules, *subject, as_json);
}

}  // namespace vsk::app
