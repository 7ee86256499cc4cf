// Which devices this kiosk uses, from the village settings (`kioskctl hardware set-printer`,
// `set-reader`): the kiosk and `kioskctl hardware check` build them the same way.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/id_card.h"
#include "platform/id_card_reader.h"
#include "platform/printer.h"
#include "store/settings_store.h"

namespace vsk::app {

struct PrinterChoice {
  std::string device;        // empty: receipts are PNG files in DATA_DIR/receipts
  std::string mode = "text"; // "text" or "raster"
};
PrinterChoice printer_choice(store::SettingsStore& settings);

// An EscPosPrinter on the configured device, or the PNG printer into `data_dir`/receipts.
std::unique_ptr<platform::Printer> make_receipt_printer(const PrinterChoice& c, const std::string& data_dir,
                                                        const std::string& font_path);

// Paths or globs to look for a reader; empty when the reader is switched off ("off").
// Default: /dev/ttyUSB* /dev/ttyACM*.
std::vector<std::string> reader_devices(store::SettingsStore& settings);
std::unique_ptr<platform::IdCardReader> make_card_reader(const std::vector<std::string>& devices);

// What the ID card does for one function (core::kCardFunctions): the village's setting
// (`kioskctl hardware set-card-policy`), else core::default_card_policy; a value that does not
// parse counts as card_pin.
core::CardPolicy card_policy(store::SettingsStore& settings, std::string_view function);

}  // namespace vsk::app
