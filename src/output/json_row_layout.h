// JsonRowLayout: rows of typed cells written as JSON objects, the one fast path of every
// report's rows and extra tables (report_writer.cc). The separators, indents and keys of a
// row are laid out once for the level the rows are written at, exactly as JsonWriter lays
// out the same object; a row then costs one append per member and its values' text. Groups
// of columns (Column::group) are nested objects (a member without a name only declares its
// group: a group without other members is {}), TextList cells arrays of strings, and a
// number equal to the one above it in its column reuses that one's text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "output/report.h"

namespace flywheel {

class JsonRowLayout {
 public:
  // `members`: the row's members in order, each a column and the index of its cell in a row;
  // `level`: the nesting level of the row objects (JsonWriter::Level()).
  JsonRowLayout(const std::vector<std::pair<const Column*, size_t>>& members, int level);

  // What a row starts with: "{" as the first element of an array, and after the separator of
  // a further element (for JsonWriter::BeginLiteral).
  const std::string& head() const { return head_; }
  const std::string& separated_head() const { return separated_head_; }
  // Appends the members of `cells` and the closing brace, after head() or separated_head().
  void AppendMembers(std::string* out, const std::vector<Cell>& cells);

 private:
  struct Member {
    std::string piece;  // separator, line break, indent and "key": before the value
    size_t cell = 0;
    int level = 0;  // the nesting level of the value
    bool json_text = false;
    bool is_group = false;
    std::vector<Member> group;  // a nested object's members (then `cell` is unused)
    std::string close;          // a nested object's line break, indent and "}"
    std::string list_next;      // before each item of a TextList but the first: ",", indent
    std::string list_close;     // after the last item: line break, indent, "]"
    uint64_t last_bits = 0;     // the number above and its text
    std::string last_text;
    bool has_last = false;
  };
  static Member MakeMember(const Column& column, size_t cell, int level, bool first);
  static void AppendValue(std::string* out, Member& m, const Cell& cell);
  static void AppendGroup(std::string* out, std::vector<Member>& group, const std::vector<Cell>& cells);

  std::string head_, separated_head_, end_;
  std::vector<Member> members_;
};

// The members of `report`'s JSON rows: Report::json_order over columns then json_columns.
std::vector<std::pair<const Column*, size_t>> JsonRowMembers(const Report& report);

}  // namespace flywheel
