// A village roll (花名册) read from sheets into resident rows plus every problem found, each
// by the row number the clerk sees in Excel and the column header as written in the file.
// Pure: the database is not consulted here (roll_import does that).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/message.h"
#include "residents/roll_columns.h"
#include "residents/sheet.h"

namespace vsk::residents {

struct RollRow {
  int row = 0;  // as in Excel: 1-based
  std::string name, id_number, gender, ethnicity, birth_date, household_no, relation, grid, phone, address,
      village_group;
  bool is_head = false;
};

enum class Severity { kError, kWarning };

struct RollProblem {
  int row = 0;         // 0: the file as a whole
  std::string column;  // the header as written in the file; empty for file-level problems
  Severity severity = Severity::kError;
  core::Message reason;
};

struct RollParse {
  std::string sheet;    // the sheet the roll was found on
  int header_row = 0;   // as in Excel
  std::vector<RollRow> rows;  // every data row, good or bad, in file order
  std::vector<RollProblem> problems;
  std::set<int> bad_rows;  // rows with an error: never imported
  bool usable() const;     // a header was found and every required column is there
  int errors() const;
  int warnings() const;
};

// The relation words that make a row the household's head (户主).
bool is_head_relation(const std::string& relation);

// Uses the first sheet with a header row; other sheets and unknown columns are ignored.
RollParse parse_roll(const std::vector<Sheet>& sheets, const core::Date& today);

}  // namespace vsk::residents
