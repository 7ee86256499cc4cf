#include "sync/township/township_admin.h"

#include <map>

#include "core/status_link.h"
#include "crypto/blake2b.h"
#include "sync/township/kiosk_alerts.h"
#include "sync/township/store/heartbeat_store.h"

#include "sync/protocol/keys.h"
#include "sync/township/admin_checks.h"

namespace vsk::township {
namespace {

using nlohmann::json;

}  // namespace

TownshipAdmin::TownshipAdmin(TownshipStore& store, platform::Clock& clock, Scope scope, Actor by)
    : store_(store), clock_(clock), scope_(std::move(scope)), by_(std::move(by)) {}

void TownshipAdmin::audit(Tx& tx, std::int64_t township, const std::string& action, const std::string& target,
                          const std::string& detail) {
  audit_action(store_, tx, township, clock_.unix_seconds(), by_, action, target, detail);
}

std::optional<std::int64_t> TownshipAdmin::township_of_device(Tx& tx, const std::string& device_id) {
  const auto d = store_.devices().find(tx, device_id);
  if (!d || !scope_.reaches(d->township_id)) return std::nullopt;
  return d->township_id;
}

Place TownshipAdmin::village(Tx& tx, const std::string& name, bool create) {
  auto found = store_.places().villages_named(tx, name);
  if (found.size() == 1) return found.front();
  if (found.size() > 1)
    throw AdminError("ambiguous_village", "several villages are called " + name + ": name the township");
  if (!create || scope_.townships.size() != 1)
    throw AdminError("no_such_village", "no village called " + name + " here (township-server place add)");
  const std::int64_t township = scope_.townships.front();
  const std::int64_t id = store_.places().add(tx, "village", name, township, clock_.unix_seconds());
  return Place{id, township, "village", name, township};
}

std::string TownshipAdmin::create_enroll_code(const std::string& village_name, int valid_days) {
  return create_replacement_code(village_name, "", valid_days);
}

std::string TownshipAdmin::create_replacement_code(const std::string& village_name, const std::string& old_device,
                                                   int valid_days) {
  const std::string code = sync::random_code(12);
  const std::int64_t now = clock_.unix_seconds();
  store_.write_retrying(scope_, [&](Tx& tx) {
    const Place v = village(tx, village_name, old_device.empty());
    if (!old_device.empty()) {
      const auto d = store_.devices().find(tx, old_device);
      if (!d || !scope_.reaches(d->township_id) || d->village_id != v.id)
        throw AdminError("no_such_kiosk", "no kiosk " + old_device + " in " + village_name);
    }
    store_.credentials().add_enroll_code(tx, platform::blake2b256_hex(code), {*v.township_id, v.id, old_device}, now,
                                         now + std::int64_t{valid_days} * 86400);
    // Never the code itself.
    audit(tx, *v.township_id, "kiosk.enroll_code", village_name,
          (old_device.empty() ? "" : "replaces " + old_device + ", ") + "valid " + std::to_string(valid_days) + " days");
    tx.commit();
  });
  return code;
}

std::vector<TownshipRequest> TownshipAdmin::escalations() {
  Tx tx = store_.read_replica(scope_);
  return store_.requests().with_status(tx, "escalated");
}

std::string TownshipAdmin::reply_to_request(const std::string& village_name, const std::string& number,
                                            const std::string& text, std::int64_t* change_id) {
  if (text.empty()) return "the reply text is empty";
  const std::int64_t now = clock_.unix_seconds();
  return store_.write_retrying(scope_, [&](Tx& tx) -> std::string {
    std::optional<Place> v;
    try {
      v = village(tx, village_name, false);
    } catch (const AdminError&) {
      return "no such request: " + village_name + " " + number;
    }
    const auto r = store_.requests().find(tx, v->id, number, /*lock=*/true);
    if (!r) return "no such request: " + village_name + " " + number;
    if (r->status != "escalated") return "request " + number + " is not escalated (status " + r->status + ")";
    const std::int64_t change = store_.changes().add(
        tx, {*v->township_id, v->id, "requests", "request.township_reply", number,
             json{{"number", number}, {"note", text}, {"department", r->department}, {"at", now}}.dump(), now});
    if (change_id) *change_id = change;
    // Not escalated any more from the township's point of view; the kiosk's own event (with
    // a higher sequence) will bring the exact status.
    store_.requests().set_status(tx, v->id, number, "township_replied");
    // The words stay sealed in the change log; the chain names the change that holds them.
    audit(tx, *v->township_id, "reply", village_name + " " + number, reply_audit_detail(change));
    tx.commit();
    return "";
  });
}

std::int64_t TownshipAdmin::publish_notice(const std::optional<std::string>& village_name, const json& notice) {
  const std::int64_t now = clock_.unix_seconds();
  json payload = checked_notice(notice);
  const std::string id = payload.value("id", sync::random_uuid());
  payload["id"] = id;
  payload["published_at"] = now;
  const std::string detail = id + " " + payload.value("title", "") + " -> " + (village_name ? *village_name : "*");
  return store_.write_retrying(scope_, [&](Tx& tx) {
    std::int64_t change = 0;
    if (village_name) {
      const Place v = village(tx, *village_name, true);
      change = store_.changes().add(tx, {*v.township_id, v.id, "notices", "notices.published", id, payload.dump(), now});
      audit(tx, *v.township_id, "notice.publish", notice_audit_target(change), detail);
    } else {
      for (const auto t : scope_.townships) {
        change = store_.changes().add(tx, {t, std::nullopt, "notices", "notices.published", id, payload.dump(), now});
        audit(tx, t, "notice.publish", notice_audit_target(change), detail);
      }
    }
    tx.commit();
    return change;
  });
}

std::int64_t TownshipAdmin::publish_points_entry(const std::string& village_name, const json& entry) {
  const std::int64_t now = clock_.unix_seconds();
  json payload = checked_points_entry(entry);
  payload["at"] = now;
  return store_.write_retrying(scope_, [&](Tx& tx) {
    const Place v = village(tx, village_name, true);
    const std::int64_t change = store_.changes().add(
        tx, {*v.township_id, v.id, "points", "points.entry", sync::random_uuid(), payload.dump(), now});
    audit(tx, *v.township_id, "points.publish", points_audit_target(change),
          village_name + " " + payload.value("household_id", json()).dump() + " " +
              payload.value("delta", json()).dump() + " " + payload.value("rule_id", ""));
    tx.commit();
    return change;
  });
}

std::int64_t TownshipAdmin::publish_document(const std::string& scope, const json& document,
                                             const std::string& note) {
  const std::int64_t now = clock_.unix_seconds();
  try {
    check_document(scope, document);
  } catch (const AdminError& e) {
    // Nothing is published; the refusal is in the log, as the web's 文档 records it.
    for (const auto t : scope_.townships)
      audit_alone(store_, t, now, by_, "document.refused", scope, note.empty() ? e.what() : note);
    throw;
  }
  const std::string text = document.dump();
  const std::string detail = note.empty() ? std::to_string(text.size()) + " bytes" : note;
  return store_.write_retrying(scope_, [&](Tx& tx) {
    std::int64_t change = 0;
    for (const auto t : scope_.townships) {
      change = store_.changes().add(tx, {t, std::nullopt, scope, scope + ".replaced", scope, text, now});
      audit(tx, t, "document.publish", document_audit_target(scope, change), detail);
    }
    tx.commit();
    return change;
  });
}

std::vector<PublishedChange> TownshipAdmin::published(const std::string& scope, int limit) {
  Tx tx = store_.read_replica(scope_);
  std::map<std::int64_t, std::string> names;
  for (const auto& p : store_.places().list(tx)) names[p.id] = p.name;
  const std::string sql =
      "SELECT township_id, id, village_id, kind, key, payload, at FROM changes WHERE scope = $1 AND " +
      store_.dialect().in_scope("township_id", 3) + " ORDER BY at DESC, id DESC LIMIT $2";
  std::vector<PublishedChange> out;
  for (const auto& r : tx.query(sql, {scope, std::int64_t{limit}, tx.scope_param()})) {
    PublishedChange c{r.integer(0), r.integer(1), std::nullopt, r.text(3), r.text(4), store_.changes().open(r.text(5)),
                      r.integer(6)};
    if (const auto v = r.optional_integer(2)) c.village = names.count(*v) ? names[*v] : std::to_string(*v);
    out.push_back(std::move(c));
  }
  return out;
}

std::int64_t TownshipAdmin::set_status_page_base(const std::string& base) {
  std::string value;
  if (!base.empty()) {
    const auto normalized = core::normalize_status_base(base);
    if (!normalized)
      throw AdminError("bad_status_base", "the status page base must be an http:// or https:// address without ? or #, "
                                          "at most " + std::to_string(core::kMaxStatusBaseChars) + " characters");
    value = *normalized;
  }
  const std::int64_t now = clock_.unix_seconds();
  const std::string payload = json{{"base", value}}.dump();
  return store_.write_retrying(scope_, [&](Tx& tx) {
    std::int64_t change = 0;
    for (const auto t : scope_.townships) {
      change = store_.changes().add(
          tx, {t, std::nullopt, "settings", "settings.status_page_base", "status_page_base", payload, now});
      audit(tx, t, "setting.status_page_base", "status_page_base", value.empty() ? "off" : value);
    }
    tx.commit();
    return change;
  });
}

std::int64_t TownshipAdmin::withdraw_notice(const std::string& notice_id) {
  const std::int64_t now = clock_.unix_seconds();
  return store_.write_retrying(scope_, [&](Tx& tx) {
    std::int64_t change = 0;
    for (const auto t : scope_.townships) {
      // The same audience as the notice itself: the latest publication of that id.
      std::optional<std::int64_t> village;
      json payload = json::object();
      for (const auto& row : store_.changes().by_key(tx, t, "notices", notice_id)) {
        village = row.village_id;
        payload = json::parse(row.payload, nullptr, false);
      }
      if (payload.is_discarded() || payload.empty()) continue;
      payload["withdrawn"] = true;
      change = store_.changes().add(tx, {t, village, "notices", "notices.withdrawn", notice_id, payload.dump(), now});
      audit(tx, t, "notice.withdraw", notice_audit_target(change), notice_id);
    }
    tx.commit();
    return change;
  });
}

bool TownshipAdmin::order_resync(const std::string& device_id, const std::string& scope) {
  return store_.write_retrying(scope_, [&](Tx& tx) {
    const bool ok = store_.devices().order_resync(tx, device_id, scope);
    if (!ok) return false;
    if (const auto t = township_of_device(tx, device_id)) audit(tx, *t, "kiosk.resync", device_id, scope);
    tx.commit();
    return true;
  });
}

bool TownshipAdmin::revoke(const std::string& device_id) {
  return store_.write_retrying(scope_, [&](Tx& tx) {
    const bool changed = store_.devices().revoke(tx, device_id, clock_.unix_seconds());
    if (!changed) return false;
    if (const auto t = township_of_device(tx, device_id)) audit(tx, *t, "kiosk.revoke", device_id);
    tx.commit();
    return true;
  });
}

std::string TownshipAdmin::create_admin_token(const std::string& label) {
  const std::string token = sync::random_code(32);
  std::optional<std::int64_t> township;
  if (scope_.townships.size() == 1 && scope_.root == scope_.townships.front()) township = scope_.root;
  // A county token belongs to no single township: it is written as the operator, and each
  // township it reaches has the entry.
  store_.write_retrying(township ? scope_ : Scope{scope_.root, scope_.townships, true}, [&](Tx& tx) {
    store_.credentials().add_admin_token(tx, platform::blake2b256_hex(token), scope_.root, township, label,
                                         clock_.unix_seconds());
    for (const auto t : scope_.townships) audit(tx, t, "admin_token.add", label);  // never the token
    tx.commit();
  });
  return token;
}

json TownshipAdmin::stats() {
  Tx tx = store_.read_replica(scope_);
  const std::int64_t now = clock_.unix_seconds();
  const KioskHealth health = kiosk_health(HeartbeatStore(store_.dialect()).latest(tx));
  json kiosks = json::array();
  json alerts = json::array();
  for (const auto& d : store_.devices().list(tx)) {
    json k{{"device_id", d.id},       {"township", d.township},          {"village", d.village},
           {"name", d.name},          {"enrolled_at", d.enrolled_at},    {"acked_seq", d.acked_seq},
           {"pending_reported", d.pending_reported}, {"revoked", d.revoked_at.has_value()}};
    k["last_contact"] = d.last_contact ? json(*d.last_contact) : json(nullptr);
    k["clock_skew_s"] = d.clock_skew_s ? json(*d.clock_skew_s) : json(nullptr);
    const auto latest = health.of(d.id);
    std::optional<sync::Heartbeat> hb;
    if (latest) hb = latest->heartbeat;
    k["heartbeat"] = hb ? sync::heartbeat_json(*hb) : json(nullptr);
    k["heartbeat_at"] = latest ? json(latest->at) : json(nullptr);
    k["alerts"] = d.revoked_at ? std::vector<std::string>{} : kiosk_alerts(d.last_contact, hb, now, health.newest_version);
    for (const auto& a : k["alerts"]) alerts.push_back({{"device_id", d.id}, {"village", d.village}, {"alert", a}});
    kiosks.push_back(k);
  }
  return json{{"kiosks", kiosks},
              {"alerts", alerts},
              {"newest_version", health.newest_version},
              {"operations", store_.ops().count(tx)},
              {"escalated", store_.requests().with_status(tx, "escalated").size()},
              {"server_time", now}};
}

json TownshipAdmin::heartbeat_history(const std::string& device_id, int limit) {
  Tx tx = store_.read_replica(scope_);
  json out = json::array();
  for (const auto& b : HeartbeatStore(store_.dialect()).history(tx, device_id, limit)) {
    json j = json::parse(b.body, nullptr, false);
    out.push_back({{"at", b.at}, {"heartbeat", j}});
  }
  return out;
}

std::optional<Scope> single_township_scope(TownshipStore& store) {
  std::vector<std::int64_t> townships;
  {
    Tx tx = store.read(Scope::lookup());
    for (const auto& p : store.places().list(tx))
      if (p.kind == "township") townships.push_back(p.id);
  }
  if (townships.size() != 1) return std::nullopt;
  return Scope::township(townships.front());
}

std::optional<Scope> township_scope(TownshipStore& store, const std::string& township, const std::string& county) {
  std::vector<std::int64_t> found;
  {
    Tx tx = store.read(Scope::lookup());
    std::optional<std::int64_t> in_county;
    if (!county.empty()) {
      const auto c = store.places().child(tx, std::nullopt, county);
      if (!c) return std::nullopt;
      in_county = c->id;
    }
    for (const auto& p : store.places().list(tx))
      if (p.kind == "township" && p.name == township && (!in_county || p.parent_id == in_county)) found.push_back(p.id);
  }
  if (found.size() != 1) return std::nullopt;
  return Scope::township(found.front());
}

std::optional<Scope> county_scope(TownshipStore& store, const std::string& county) {
  std::optional<std::int64_t> id;
  {
    Tx tx = store.read(Scope::lookup());
    const auto c = store.places().child(tx, std::nullopt, county);
    if (c && c->kind == "county") id = c->id;
  }
  if (!id) return std::nullopt;
  return store.scope_of(*id);
}

}  // namespace vsk::township
