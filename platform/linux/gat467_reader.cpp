#include "linux/gat467_reader.h"

#include "linux/gat467_codec.h"

#include <glob.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <utility>

namespace vsk::platform {

namespace {

using gat467::Bytes;

// The reader answered, but not with anything usable.
struct ReaderFault : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string hex_byte(std::uint8_t b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", b);
  return buf;
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// One command, one answer frame. Throws ReaderFault for silence, garbage, truncation and bad
// checksums, SerialGone when the device disappears.
gat467::Answer transact(SerialPort& port, gat467::Command c, const Gat467Options& o) {
  port.discard_input();
  port.write_all(gat467::encode_command(c));
  Bytes buf;
  const std::int64_t start = now_ms();
  // A trickle of bytes must not keep us here forever either.
  const std::int64_t hard_deadline = start + 3 * static_cast<std::int64_t>(o.answer_timeout_ms);
  for (;;) {
    const std::int64_t left = start + o.answer_timeout_ms - now_ms();
    const int wait = buf.empty() ? static_cast<int>(std::max<std::int64_t>(left, 0)) : o.gap_timeout_ms;
    const Bytes chunk = port.read_some(4096, wait);
    if (chunk.empty() || now_ms() > hard_deadline) {
      if (buf.empty()) throw ReaderFault("no answer within " + std::to_string(o.answer_timeout_ms) + " ms");
      const gat467::Scan s = gat467::scan_frame(buf);
      if (s.skipped > 0)
        throw ReaderFault("garbage: " + std::to_string(buf.size()) + " bytes without a valid frame");
      throw ReaderFault("truncated frame: " + std::to_string(buf.size()) + " bytes, then silence");
    }
    buf.insert(buf.end(), chunk.begin(), chunk.end());
    const gat467::Scan s = gat467::scan_frame(buf);
    switch (s.status) {
      case gat467::ScanStatus::kFrame: return gat467::answer_of(s.body);
      case gat467::ScanStatus::kBadChecksum: throw ReaderFault("bad checksum in a " + std::to_string(s.body.size()) + "-byte frame");
      case gat467::ScanStatus::kBadLength: throw ReaderFault("frame with an impossible length");
      case gat467::ScanStatus::kIncomplete: break;
    }
    if (s.skipped > gat467::kMaxBodyLength) throw ReaderFault("garbage: " + std::to_string(s.skipped) + " bytes without a frame");
  }
}

CardRead status(CardReadStatus st, std::string error = {}) {
  CardRead r;
  r.status = st;
  r.error = std::move(error);
  return r;
}

}  // namespace

std::vector<std::string> expand_device_patterns(const std::vector<std::string>& patterns) {
  std::vector<std::string> out;
  for (const std::string& p : patterns) {
    glob_t g{};
    if (::glob(p.c_str(), 0, nullptr, &g) == 0)
      for (std::size_t i = 0; i < g.gl_pathc; ++i) out.emplace_back(g.gl_pathv[i]);  // glob sorts
    ::globfree(&g);
  }
  std::vector<std::string> unique;
  for (const std::string& p : out)
    if (std::find(unique.begin(), unique.end(), p) == unique.end()) unique.push_back(p);
  return unique;
}

Gat467Reader::Gat467Reader(Gat467Options options) : options_(std::move(options)) {}
Gat467Reader::~Gat467Reader() = default;

std::string Gat467Reader::device() const {
  if (!last_device_.empty()) return last_device_;
  std::string all;
  for (const std::string& p : options_.devices) all += (all.empty() ? "" : " ") + p;
  return all;
}

CardRead Gat467Reader::read() {
  if (port_) {
    CardRead r = cycle(*port_);
    if (r.status == CardReadStatus::kCard || r.status == CardReadStatus::kNoCard) return r;
    port_.reset();  // look for it again next time: it may be back under another name
    return r;
  }
  // Not open: try each candidate; keep the first one that speaks the protocol. Another serial
  // device (a modem, a serial printer) answers garbage or nothing and is passed over.
  const std::vector<std::string> candidates = expand_device_patterns(options_.devices);
  if (candidates.empty()) return status(CardReadStatus::kNoReader, "no reader found at " + device());
  CardRead worst = status(CardReadStatus::kNoReader, "no reader found at " + device());
  for (const std::string& path : candidates) {
    try {
      SerialPort port(path, options_.baud);
      last_device_ = path;
      CardRead r = cycle(port);
      if (r.status == CardReadStatus::kCard || r.status == CardReadStatus::kNoCard) {
        port_.emplace(std::move(port));
        return r;
      }
      if (worst.status == CardReadStatus::kNoReader) worst = r;
    } catch (const SerialError& e) {
      if (worst.status == CardReadStatus::kNoReader) worst.error = e.what();
    }
  }
  return worst;
}

CardRead Gat467Reader::cycle(SerialPort& port) {
  try {
    const gat467::Answer found = transact(port, gat467::kFindCard, options_);
    if (found.sw3 == gat467::kFindNoCard) return status(CardReadStatus::kNoCard);
    if (found.sw3 != gat467::kFindOk && found.sw3 != gat467::kOk)
      throw ReaderFault("find card answered status " + hex_byte(found.sw3));
    const gat467::Answer selected = transact(port, gat467::kSelectCard, options_);
    if (selected.sw3 == gat467::kSelectFailed) return status(CardReadStatus::kNoCard);  // taken away
    if (selected.sw3 != gat467::kOk) throw ReaderFault("select card answered status " + hex_byte(selected.sw3));
    const gat467::Answer message = transact(port, gat467::kReadBaseMessage, options_);
    if (message.sw3 != gat467::kOk) throw ReaderFault("read base message answered status " + hex_byte(message.sw3));
    CardRead r;
    r.status = CardReadStatus::kCard;
    r.card = gat467::parse_base_message(message.data);
    return r;
  } catch (const SerialGone& e) {
    return status(CardReadStatus::kNoReader, std::string("reader unplugged: ") + e.what());
  } catch (const std::exception& e) {
    return status(CardReadStatus::kReaderError, port.path() + ": " + e.what());
  }
}

}  // namespace vsk::platform
