// The printed receipt, in the language the resident used: every line comes from a translation
// key (slip.* in assets/i18n), so an English session prints no Chinese and no code here holds
// display text. Data keeps its own script (the village's name, a service name without English).
#pragma once

#include <string>

#include "app/translations.h"
#include "app/view_state.h"
#include "core/catalog.h"
#include "platform/printer.h"

namespace vsk::app {

// `service` may be null (a service since removed from the catalog: its line is left out).
platform::Receipt receipt_slip(const ReceiptView& r, const std::string& village, const core::Service* service,
                               const std::string& locale, const Translations& tr);

}  // namespace vsk::app
