// CsvRecords: the RFC 4180 records of CSV text (quoted fields, doubled quotes, LF or CRLF
// line ends), for tests that read back what a writer wrote or a generator produced.
// Header-only, test-only.
#ifndef FLYWHEEL_TESTING_CSV_RECORDS_H_
#define FLYWHEEL_TESTING_CSV_RECORDS_H_

#include <string>
#include <string_view>
#include <vector>

namespace flywheel {

inline std::vector<std::vector<std::string>> CsvRecords(std::string_view text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(field);
      field.clear();
      rows.push_back(row);
      row.clear();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !row.empty()) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

}  // namespace flywheel

#endif  // FLYWHEEL_TESTING_CSV_RECORDS_H_
