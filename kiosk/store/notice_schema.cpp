#include "store/notice_schema.h"

namespace vsk::store {

// notices holds the publication state (what staff switch); notice_versions holds what a notice
// says, one row per edit, never updated or deleted (triggers refuse it), so every published
// wording can be shown later. Finance rows belong to a version. Comments are residents' opinions.
void migrate_notices(db::Transaction& tx) {
  tx.db().exec(R"sql(
    CREATE TABLE notices(
      id              INTEGER PRIMARY KEY,
      global_id       TEXT NOT NULL UNIQUE,  -- stable across kiosks: 'QS1-N-12' here, the township's id for theirs
      source          TEXT NOT NULL CHECK (source IN ('village', 'township')),
      category        TEXT NOT NULL CHECK (category IN ('party', 'village', 'finance', 'policy', 'publicity')),
      created_at      INTEGER NOT NULL,
      current_version INTEGER NOT NULL,
      published_at    INTEGER,               -- NULL: draft
      unpublished_at  INTEGER,               -- set when taken down after publishing
      pinned          INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX notices_category_published ON notices(category, published_at);
    CREATE TABLE notice_versions(
      notice_id    INTEGER NOT NULL REFERENCES notices(id),
      version      INTEGER NOT NULL,
      title        TEXT NOT NULL,
      body         TEXT NOT NULL,
      period_start TEXT NOT NULL DEFAULT '',
      period_end   TEXT NOT NULL DEFAULT '',
      end_date     TEXT NOT NULL DEFAULT '',
      image_path   TEXT NOT NULL DEFAULT '',
      edited_at    INTEGER NOT NULL,
      staff_id     INTEGER REFERENCES staff(id),  -- NULL: from the township
      PRIMARY KEY (notice_id, version));
    CREATE TABLE notice_finance_rows(
      notice_id  INTEGER NOT NULL,
      version    INTEGER NOT NULL,
      seq        INTEGER NOT NULL,
      item       TEXT NOT NULL,
      amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
      income     INTEGER NOT NULL CHECK (income IN (0, 1)),
      date       TEXT NOT NULL,
      PRIMARY KEY (notice_id, version, seq),
      FOREIGN KEY (notice_id, version) REFERENCES notice_versions(notice_id, version));
    CREATE TRIGGER notice_versions_append_only_u BEFORE UPDATE ON notice_versions
      BEGIN SELECT RAISE(ABORT, 'notice versions are append-only'); END;
    CREATE TRIGGER notice_versions_append_only_d BEFORE DELETE ON notice_versions
      BEGIN SELECT RAISE(ABORT, 'notice versions are append-only'); END;
    CREATE TRIGGER notice_finance_rows_append_only_u BEFORE UPDATE ON notice_finance_rows
      BEGIN SELECT RAISE(ABORT, 'notice versions are append-only'); END;
    CREATE TRIGGER notice_finance_rows_append_only_d BEFORE DELETE ON notice_finance_rows
      BEGIN SELECT RAISE(ABORT, 'notice versions are append-only'); END;
    CREATE TABLE notice_comments(
      id          INTEGER PRIMARY KEY,
      notice_id   INTEGER NOT NULL REFERENCES notices(id),
      resident_id INTEGER NOT NULL REFERENCES residents(id),
      text        TEXT NOT NULL,
      at          INTEGER NOT NULL,
      handled_at  INTEGER,
      handled_by  INTEGER REFERENCES staff(id));
    CREATE INDEX notice_comments_notice ON notice_comments(notice_id);
  )sql");
}

}  // namespace vsk::store
