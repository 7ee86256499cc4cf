// The one error edge (ARCHITECTURE.md practice 14): below it, modules throw (db::DbError from
// SQLite, std::system_error from files); here every failure that escapes an action, a tick or
// a kioskctl command becomes a kind, a translated message for the screen, English words for
// kioskctl, and one log line. Nothing above it exits because a write failed: the transaction
// that failed was rolled back by its RAII guard, and what the resident typed is still in the
// flows' state, so the same tap retries once space (or the lock) is back.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/message.h"

namespace vsk::app {

enum class FailureKind {
  kStorageFull,      // SQLITE_FULL, ENOSPC, EDQUOT: the data disk is full
  kStorageBusy,      // SQLITE_BUSY / LOCKED: another process holds the database too long
  kStorageReadOnly,  // SQLITE_READONLY, EROFS, EACCES: the disk or file became read-only
  kStorageDamaged,   // SQLITE_CORRUPT, SQLITE_NOTADB
  kStorageIo,        // SQLITE_IOERR, SQLITE_CANTOPEN, EIO and other file errors
  kInternal,         // anything else (a bug): still shown and logged, never a crash
};

struct Failure {
  FailureKind kind = FailureKind::kInternal;
  std::string detail;  // the exception's own text (English), for the log only
};

// Call only inside a catch block: what the exception in flight means.
Failure classify_current_exception();

// "storage.full", "storage.busy", ...: stable codes for logs, JSON output and tests.
const char* failure_code(FailureKind kind);
bool is_storage_failure(FailureKind kind);
// The screen's message: key "err.storage.full" ... (assets/i18n), never a raw SQLite text.
core::Message failure_message(FailureKind kind);
// The short reason ("the data disk is full"): key "storage.reason.full" ..., for the admin home
// and the sync screen, where the resident-facing sentence does not fit.
std::string failure_reason_key(FailureKind kind);
// A sentence for IT (kioskctl), English: what happened and what to do.
std::string failure_words(const Failure& f);

// Logs `f` (component "storage" or "app") with what was being done.
void log_failure(std::string_view what, const Failure& f);

// Runs `work`; an exception is classified, logged and returned instead of propagating.
template <typename Work>
std::optional<Failure> run_guarded(std::string_view what, Work&& work) {
  try {
    work();
    return std::nullopt;
  } catch (...) {
    Failure f = classify_current_exception();
    log_failure(what, f);
    return f;
  }
}

}  // namespace vsk::app
