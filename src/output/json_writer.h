// JsonWriter: JSON text written straight into a string, laid out exactly as nlohmann's
// dump(2) lays out the same value (two-space indent, "key": value, empty containers as {}
// and []), without building a tree first; numbers by the number rule (output/json_number.h).
//
// Why not nlohmann's tree: the customers and prospects reports write one object per account
// or lead — over a million on large data sets — and a tree of that size costs several times
// the text in memory and most of the report's time (docs/PERFORMANCE.md). Byte equality with
// the tree's layout is the contract (json_writer_test.cc checks it value by value), so small
// reports may keep building nlohmann values, which Parsed writes through this writer, and
// large ones stream, with the same output.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "output/json_number.h"

namespace flywheel {

class JsonWriter {
 public:
  // Appends to *out. `level` is the nesting level the first value is written at: 0 for a
  // document, 1 for a member of a top-level object laid out by another writer.
  explicit JsonWriter(std::string* out, int level = 0) : out_(out), base_level_(level) {}

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void Key(std::string_view key);  // inside an object, before each value

  void String(std::string_view s);
  void Int(int64_t v);
  void Number(double v);  // the number rule (AppendJsonNumber); NaN and ±inf as null
  void Bool(bool v);
  void Null();
  // A value given as JSON text in any layout: parsed and written at the current level, its
  // numbers by the number rule (a float in the text is read as a double, then written).
  void Parsed(std::string_view json);
  // A value given as JSON text already laid out as this writer lays out a value at Level()
  // (an object's members one level deeper, its closing brace at Level()): appended as it is.
  // For reports that write millions of rows of the same shape from pieces made once.
  void Literal(std::string_view json);
  // The same for a value the caller appends piece by piece to the string returned, with
  // nothing else written in between: no copy of the value through a string of its own.
  std::string* BeginLiteral() {
    BeforeValue();
    return out_;
  }
  // The same for a value that starts with `head`, a piece made once: appends `head`, or, for
  // a further element of the open array, `separated_head` — the separator BeforeValue would
  // write (",", a line break and the indent of Level()) followed by `head`, made once too —
  // so that a row of a long list costs one append before its values.
  std::string* BeginLiteral(std::string_view head, std::string_view separated_head) {
    if (!stack_.empty() && !stack_.back().object && !stack_.back().empty) {
      out_->append(separated_head);
    } else {
      BeforeValue();
      out_->append(head);
    }
    return out_;
  }
  // The nesting level of the value written next: its lines after the first are indented by
  // two spaces a level.
  int Level() const { return base_level_ + static_cast<int>(stack_.size()); }

  // Appends `s` as a JSON string (quoted, escaped), as String writes it.
  static void AppendQuoted(std::string* out, std::string_view s);
  // Appends `v` as Number writes it: AppendJsonNumber, the one writer of numbers.
  static void AppendNumber(std::string* out, double v) { AppendJsonNumber(out, v); }

 private:
  void BeforeValue();
  void AppendString(std::string_view s) { AppendQuoted(out_, s); }
  void Indent(int level);

  struct Frame {
    bool object = false;
    bool empty = true;
  };
  std::string* out_;
  int base_level_;
  std::vector<Frame> stack_;
};

}  // namespace flywheel
