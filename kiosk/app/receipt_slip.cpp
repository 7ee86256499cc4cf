#include "app/receipt_slip.h"

#include "core/date.h"
#include "core/status_link.h"

namespace vsk::app {

platform::Receipt receipt_slip(const ReceiptView& r, const std::string& village, const core::Service* service,
                               const std::string& locale, const Translations& tr) {
  using core::Message;
  const auto line = [&](Message m) { return tr.format(locale, m); };
  platform::Receipt out;
  out.title = line(Message("slip.title").arg("village", village));
  out.lines.push_back({line(Message("slip.number").arg("number", r.number)), true});
  out.lines.push_back({line(Message("slip.code").arg("code", r.pickup_code)), true});
  if (service) {
    out.lines.push_back({line(Message("slip.service").arg("service", service->name.in(locale))), false});
  }
  if (r.filed_at) out.lines.push_back({line(Message("slip.filed").arg("time", core::format_china_time(r.filed_at, "%Y-%m-%d %H:%M"))), false});
  out.lines.push_back({line(Message("slip.due").arg("date", r.due_date)), false});
  if (!r.claim_code.empty()) {
    out.lines.push_back({line(Message("slip.claim").arg("code", r.claim_code)), true});
    out.lines.push_back({line(Message("slip.claim_hint").arg("days", std::to_string(r.claim_days))), false});
  }
  out.qr_text = r.qr_text.empty() ? r.number : r.qr_text;
  out.footer = line(Message("slip.footer"));
  return out;
}

std::string receipt_qr(store::KioskStore& store, const std::string& number) {
  return core::receipt_qr_text(store.settings().get_or(store::setting::kStatusPageBase, ""), number,
                               store.requests().status_token(number));
}

}  // namespace vsk::app
