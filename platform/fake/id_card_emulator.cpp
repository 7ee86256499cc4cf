#include "fake/id_card_emulator.h"

#include "linux/gat467_codec.h"

#include <unistd.h>

#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace vsk::platform {

namespace {

// Recorded short answers (status only, or status + 8 bytes for select), checksums included.
const IdCardEmulator::Bytes kFoundCard = {0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x04, 0x00, 0x00, 0x9F, 0x9B};
const IdCardEmulator::Bytes kNoCard = {0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x04, 0x00, 0x00, 0x80, 0x84};
const IdCardEmulator::Bytes kSelected = {0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x0C, 0x00, 0x00, 0x90,
                                         0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x9C};
const IdCardEmulator::Bytes kSelectFailed = {0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x04, 0x00, 0x00, 0x81, 0x85};
const IdCardEmulator::Bytes kReadFailed = {0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x04, 0x00, 0x00, 0x41, 0x45};
// Line noise: never contains the preamble.
const IdCardEmulator::Bytes kGarbage = {0x13, 0x37, 0x00, 0xFF, 0xAA, 0x96, 0x55, 0x69, 0xAA, 0xAA, 0x01, 0x02,
                                        0x7E, 0x7E, 0x00, 0x00, 0xDE, 0xAD, 0xBE, 0xEF, 0x0D, 0x0A, 0x3F, 0x3F};

IdCardEmulator::Bytes first_half(const IdCardEmulator::Bytes& b) {
  return IdCardEmulator::Bytes(b.begin(), b.begin() + static_cast<std::ptrdiff_t>(b.size() / 2));
}

}  // namespace

IdCardEmulator::IdCardEmulator(std::string link_path) : pty_(std::move(link_path)) {
  thread_ = std::thread([this] { run(); });
}

IdCardEmulator::~IdCardEmulator() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  pty_.close();
}

void IdCardEmulator::place_card(Bytes read_answer) {
  std::lock_guard lock(mu_);
  card_ = std::move(read_answer);
}

void IdCardEmulator::remove_card() {
  std::lock_guard lock(mu_);
  card_.clear();
}

void IdCardEmulator::set_fault(Fault f) {
  std::lock_guard lock(mu_);
  fault_ = f;
}

void IdCardEmulator::unplug() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  pty_.close();
}

void IdCardEmulator::answer(std::uint8_t cmd, std::uint8_t param) {
  Bytes card;
  Fault fault;
  {
    std::lock_guard lock(mu_);
    card = card_;
    fault = fault_;
  }
  if (fault == Fault::kSilent) return;
  if (fault == Fault::kGarbage) return send(kGarbage);
  const bool has_card = !card.empty();
  if (cmd == gat467::kFindCard.cmd && param == gat467::kFindCard.param) return send(has_card ? kFoundCard : kNoCard);
  if (cmd == gat467::kSelectCard.cmd && param == gat467::kSelectCard.param) return send(has_card ? kSelected : kSelectFailed);
  if (cmd != gat467::kReadBaseMessage.cmd || param != gat467::kReadBaseMessage.param) return;
  if (!has_card || fault == Fault::kReadFailStatus) return send(kReadFailed);
  switch (fault) {
    case Fault::kTruncated: return send(first_half(card));
    case Fault::kBadChecksum: card.back() ^= 0x5A; return send(card);
    case Fault::kVanishMidRead:
      send(first_half(card));
      ::usleep(20 * 1000);  // let the first half reach the reader before the plug is pulled
      stop_ = true;
      pty_.close();
      return;
    default: return send(card);
  }
}

void IdCardEmulator::run() {
  Bytes buf;
  while (!stop_) {
    std::uint8_t chunk[512];
    const int n = pty_.read(chunk, sizeof chunk, 20);
    if (n <= 0) continue;
    buf.insert(buf.end(), chunk, chunk + n);
    for (;;) {
      const gat467::Scan s = gat467::scan_frame(buf);
      if (s.status == gat467::ScanStatus::kIncomplete) {
        buf.erase(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(s.skipped));
        break;
      }
      buf.erase(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(s.consumed));
      if (s.status != gat467::ScanStatus::kFrame || s.body.size() < 2) continue;
      ++commands_seen_;
      answer(s.body[0], s.body[1]);
      if (stop_) return;
    }
  }
}

std::vector<std::uint8_t> load_hex_frame(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::uint8_t> out;
  std::string line;
  while (std::getline(in, line)) {
    line = line.substr(0, line.find('#'));
    std::istringstream words(line);
    std::string w;
    while (words >> w) {
      if (w.size() != 2 || !std::isxdigit(static_cast<unsigned char>(w[0])) || !std::isxdigit(static_cast<unsigned char>(w[1])))
        throw std::runtime_error(path + ": not a hex byte: " + w);
      out.push_back(static_cast<std::uint8_t>(std::stoi(w, nullptr, 16)));
    }
  }
  return out;
}

}  // namespace vsk::platform
