// The printed receipt, in the language the resident used: every line comes from a translation
// key (slip.* in assets/i18n), so an English session prints no Chinese and no code here holds
// display text. Data keeps its own script (the village's name, a service name without English).
#pragma once

#include <string>

#include "app/translations.h"
#include "app/view_state.h"
#include "core/catalog.h"
#include "platform/printer.h"
#include "store/kiosk_store.h"

namespace vsk::app {

// `service` may be null (a service since removed from the catalog: its line is left out).
platform::Receipt receipt_slip(const ReceiptView& r, const std::string& village, const core::Service* service,
                               const std::string& locale, const Translations& tr);

// What the receipt's QR encodes for `number`, on screen and on paper: the township's status
// page link BASE/r/NUMBER?t=TOKEN once the township has set a base, else the number.
std::string receipt_qr(store::KioskStore& store, const std::string& number);

}  // namespace vsk::app
