// Many rows in one statement: a push of 100 operations is a few multi-row INSERTs instead
// of 100 round trips to PostgreSQL (or 100 statement preparations in SQLite).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace vsk::township {

// "($first, ...), (...)": `rows` tuples of `cols` parameters, numbered from `first`.
std::string values_list(int rows, int cols, int first = 1);

// Splits n rows into statement sizes from a fixed set (100, 50, 20, 10, 5, 2, 1), largest
// first. A PostgreSQL connection prepares (and keeps) each distinct statement text, so the
// sizes are few whatever the batches are: at most seven variants of each multi-row
// statement. A kiosk's full batch of 100 or 200 is one or two statements.
std::vector<int> statement_sizes(std::size_t n);

}  // namespace vsk::township
