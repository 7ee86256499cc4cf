// The station's devices for CLI and UI tests (and a demo without hardware): an ID card reader
// and/or an ESC/POS printer on pseudo-terminals, reachable through symlinks, until SIGTERM or
// --seconds run out.
//   vsk_device_emulator [--reader-link PATH [--card FILE.hex]] [--printer-link PATH
//                       [--paper ok|near_end|out]] [--seconds N]
// Prints "ready" on stdout once the links exist.
#include "fake/escpos_printer_emulator.h"
#include "fake/id_card_emulator.h"

#include <csignal>
#include <chrono>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

namespace {
volatile std::sig_atomic_t g_stop = 0;
void on_signal(int) { g_stop = 1; }
}  // namespace

int main(int argc, char** argv) {
  std::string reader_link, card, printer_link, paper = "ok";
  int seconds = 600;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i], v = argv[i + 1];
    if (a == "--reader-link") reader_link = v;
    else if (a == "--card") card = v;
    else if (a == "--printer-link") printer_link = v;
    else if (a == "--paper") paper = v;
    else if (a == "--seconds") seconds = std::stoi(v);
    else {
      std::cerr << "vsk_device_emulator: unknown option " << a << "\n";
      return 2;
    }
  }
  std::signal(SIGTERM, on_signal);
  std::signal(SIGINT, on_signal);
  try {
    std::unique_ptr<vsk::platform::IdCardEmulator> reader;
    std::unique_ptr<vsk::platform::EscPosPrinterEmulator> printer;
    if (!reader_link.empty()) {
      reader = std::make_unique<vsk::platform::IdCardEmulator>(reader_link);
      if (!card.empty()) reader->place_card(vsk::platform::load_hex_frame(card));
    }
    if (!printer_link.empty()) {
      printer = std::make_unique<vsk::platform::EscPosPrinterEmulator>(printer_link);
      using Paper = vsk::platform::EscPosPrinterEmulator::Paper;
      printer->set_paper(paper == "out" ? Paper::kOut : paper == "near_end" ? Paper::kNearEnd : Paper::kOk);
    }
    std::cout << "ready" << std::endl;
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (!g_stop && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  } catch (const std::exception& e) {
    std::cerr << "vsk_device_emulator: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
