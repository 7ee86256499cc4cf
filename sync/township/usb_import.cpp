// TownshipService::import_bundle: a kiosk's USB bundle (issue 19), each envelope through
// handle_envelope() as if it had come over the network, and the exchange kept for 終端状态;
// import_stick_file: whichever file the stick brought, for the command line and the web.
#include "sync/protocol/bundle.h"
#include "sync/protocol/enroll_bundle.h"
#include "sync/township/store/usb_exchange_store.h"
#include "sync/township/township_service.h"

namespace vsk::township {

UsbImport TownshipService::import_bundle(std::string_view bundle, const Actor* by, const std::string& file_name) {
  UsbImport out;
  const auto envelopes = sync::read_bundle(bundle, &out.error);
  if (!envelopes) return out;
  out.envelopes = static_cast<int>(envelopes->size());
  for (const auto& e : *envelopes) {
    const Reply r = handle_envelope(e, &out.carried);
    if (r.ok())
      out.replies.push_back(r.body);
    else if (r.code == "replayed")
      ++out.already;  // this bundle (or this part of it) was imported before: nothing changes
    else
      out.refusals.push_back(r.body);
  }
  if (out.replies.empty() || out.carried.device_id.empty()) return out;
  std::optional<Device> d;
  {
    Tx tx = store_.read(Scope::lookup());
    d = store_.devices().find(tx, out.carried.device_id);
  }
  if (!d) return out;
  const UsbExchange last{clock_.unix_seconds(), static_cast<std::int64_t>(out.replies.size()), out.carried.ops,
                         out.carried.changes, 0};
  store_.write_retrying(Scope::township(d->township_id), [&](Tx& tx) {
    UsbExchangeStore(store_.dialect()).record(tx, d->township_id, d->id, last);
    if (by)
      audit_action(store_, tx, d->township_id, last.at, *by, "kiosk.usb_import", d->id,
                   (file_name.empty() ? "" : file_name + ", ") + std::to_string(out.carried.ops) + " operations in, " +
                       std::to_string(out.carried.changes) + " changes back, " + std::to_string(out.refusals.size()) +
                       " envelopes refused");
    tx.commit();
  });
  return out;
}

namespace {

sync::ErrorReply why(const std::string& code, const std::string& zh, const std::string& en) {
  return sync::ErrorReply{code, zh, en};
}

// The first refusal's words (a refused envelope's JSON answer), else the general ones.
sync::ErrorReply refusal_of(const std::string& body, sync::ErrorReply fallback) {
  auto e = sync::decode_error_reply(body, nullptr);
  return e && !e->code.empty() ? *e : fallback;
}

}  // namespace

StickImport TownshipService::import_stick_file(std::string_view bytes, const Scope& reach, const Actor& by,
                                               const std::string& file_name) {
  StickImport out;
  std::optional<std::int64_t> kiosk_township;  // of the file's kiosk, when known
  // A refusal changed nothing; its entry goes to the importer's township if it has one.
  const auto audit_refusal = [&] {
    std::optional<std::int64_t> t;
    if (!reach.system && reach.townships.size() == 1) t = reach.townships.front();
    if (!t) t = kiosk_township;
    if (!t)
      if (const auto only = single_township_scope(store_)) t = only->root;
    if (t) {
      Tx tx = store_.read(Scope::lookup());
      if (!store_.places().find(tx, *t)) t.reset();  // a reach of no township (tests): no chain
    }
    if (t)
      audit_alone(store_, *t, clock_.unix_seconds(), by, "kiosk.usb_refused", file_name,
                  out.refused.code + ": " + out.refused.message_en);
  };
  if (bytes.substr(0, sync::kEnrollRequestMagic.size()) == sync::kEnrollRequestMagic) {
    out.enrollment = true;
    out.enrolled = enroll_by_bundle(bytes, reach, &by, file_name);
    if (out.enrolled.reply.ok()) {
      out.reply = out.enrolled.reply.body;
    } else {
      out.refused = refusal_of(out.enrolled.reply.body, why("refused", "注册请求未被接受", "the enrollment request was refused"));
      audit_refusal();
    }
    return out;
  }
  std::string error;
  const auto envelopes = sync::read_bundle(bytes, &error);
  if (!envelopes) {
    out.exchange.error = error;
    out.refused = why("not_a_bundle", "这不是终端导出的U盘文件，或文件已损坏", "not a kiosk's USB file, or damaged: " + error);
    audit_refusal();
    return out;
  }
  // Whose kiosks: one of another township is refused before any envelope is applied.
  for (const auto& e : *envelopes) {
    const auto env = sync::parse_envelope(e, nullptr);
    if (!env || reach.system) continue;
    std::optional<Device> d;
    {
      Tx tx = store_.read(Scope::lookup());
      d = store_.devices().find(tx, env->header.from);
    }
    if (d && !kiosk_township) kiosk_township = d->township_id;
    if (d && !reach.reaches(d->township_id)) {
      out.refused = why("other_township", "这是另一个乡镇的终端导出的文件，请交给该乡镇导入",
                        "the file is from a kiosk of another township: import it there");
      audit_refusal();
      return out;
    }
  }
  if (reach.system)  // the operator: the kiosk's township, for a refusal's entry
    for (const auto& e : *envelopes) {
      const auto env = sync::parse_envelope(e, nullptr);
      if (!env || kiosk_township) continue;
      Tx tx = store_.read(Scope::lookup());
      if (const auto d = store_.devices().find(tx, env->header.from)) kiosk_township = d->township_id;
    }
  out.exchange = import_bundle(bytes, &by, file_name);
  if (!out.exchange.replies.empty()) {
    out.reply = sync::write_bundle(out.exchange.replies);
  } else if (!out.exchange.refusals.empty()) {
    out.refused = refusal_of(out.exchange.refusals.front(), why("refused", "文件中的数据未被接受", "the file's data was refused"));
  } else if (out.exchange.already > 0) {
    out.refused = why("replayed", "这个文件已经导入过，没有新的内容；请在终端上重新导出U盘数据",
                      "this file was imported before and holds nothing new: export a new one on the kiosk");
  } else {
    out.refused = why("empty", "文件里没有数据", "the file holds no envelopes");
  }
  if (!out.refused.code.empty()) audit_refusal();
  return out;
}

}  // namespace vsk::township
