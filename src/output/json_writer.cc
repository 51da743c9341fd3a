#include "output/json_writer.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>

namespace flywheel {

namespace {

// Printable ASCII without quote or backslash: written as is inside a JSON string. (One table
// read a byte: ids and keys, millions of them in the large reports, are checked with a load
// and a test instead of four comparisons.)
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c) plain[static_cast<size_t>(c)] = c != '"' && c != '\\';
  return plain;
}();

bool IsPlain(std::string_view s) {
  bool plain = true;
  for (unsigned char c : s) plain &= kPlain[c];
  return plain;
}

// Appends `comma` (","), a line break and 2 × level spaces, then `tail`, in one resize: the
// separator before each value and key (millions in the large reports).
void AppendBreak(std::string* out, bool comma, int level, std::string_view tail = {}) {
  const size_t indent = static_cast<size_t>(2 * level);
  const size_t at = out->size();
  out->resize(at + (comma ? 1 : 0) + 1 + indent + tail.size());
  char* p = out->data() + at;
  if (comma) *p++ = ',';
  *p++ = '\n';
  std::memset(p, ' ', indent);
  if (!tail.empty()) std::memcpy(p + indent, tail.data(), tail.size());
}

}  // namespace

void JsonWriter::Indent(int level) { AppendBreak(out_, false, level); }

void JsonWriter::BeforeValue() {
  if (stack_.empty()) return;
  Frame& top = stack_.back();
  if (top.object) return;  // Key() wrote the separator and the indent
  const bool comma = !top.empty;
  top.empty = false;
  AppendBreak(out_, comma, base_level_ + static_cast<int>(stack_.size()));
}

void JsonWriter::Key(std::string_view key) {
  Frame& top = stack_.back();
  const bool comma = !top.empty;
  top.empty = false;
  const int level = base_level_ + static_cast<int>(stack_.size());
  if (IsPlain(key) && key.size() < 120) {
    char text[128];  // "key":
    text[0] = '"';
    std::memcpy(text + 1, key.data(), key.size());
    std::memcpy(text + 1 + key.size(), "\": ", 3);
    AppendBreak(out_, comma, level, std::string_view(text, key.size() + 4));
    return;
  }
  AppendBreak(out_, comma, level);
  AppendString(key);
  out_->append(": ");
}

void JsonWriter::BeginObject() {
  BeforeValue();
  stack_.push_back({true, true});
  out_->push_back('{');
}

void JsonWriter::BeginArray() {
  BeforeValue();
  stack_.push_back({false, true});
  out_->push_back('[');
}

void JsonWriter::EndObject() {
  const bool empty = stack_.back().empty;
  stack_.pop_back();
  if (!empty) Indent(base_level_ + static_cast<int>(stack_.size()));
  out_->push_back('}');
}

void JsonWriter::EndArray() {
  const bool empty = stack_.back().empty;
  stack_.pop_back();
  if (!empty) Indent(base_level_ + static_cast<int>(stack_.size()));
  out_->push_back(']');
}

void JsonWriter::String(std::string_view s) {
  BeforeValue();
  AppendString(s);
}

void JsonWriter::AppendQuoted(std::string* out, std::string_view s) {
  // Printable ASCII without quote or backslash is written as is; anything else (control
  // characters, non-ASCII, which nlohmann validates as UTF-8) takes nlohmann's own escaping,
  // so the text stays identical to its dump.
  const bool plain = IsPlain(s);
  if (plain) {
    const size_t at = out->size();
    out->resize(at + s.size() + 2);
    char* p = out->data() + at;
    p[0] = '"';
    std::memcpy(p + 1, s.data(), s.size());
    p[s.size() + 1] = '"';
  } else {
    out->append(nlohmann::json(std::string(s)).dump());
  }
}

void JsonWriter::Int(int64_t v) {
  BeforeValue();
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_->append(buf, r.ptr);
}

void JsonWriter::Number(double v) {
  BeforeValue();
  AppendJsonNumber(out_, v);
}

void JsonWriter::Bool(bool v) {
  BeforeValue();
  out_->append(v ? "true" : "false");
}

void JsonWriter::Null() {
  BeforeValue();
  out_->append("null");
}

void JsonWriter::Literal(std::string_view json) {
  BeforeValue();
  out_->append(json);
}

namespace {

// Writes a parsed value through `w`, member by member, so that its numbers take the number rule.
void WriteTree(JsonWriter& w, const nlohmann::ordered_json& v) {
  switch (v.type()) {
    case nlohmann::ordered_json::value_t::object:
      w.BeginObject();
      for (const auto& [key, member] : v.items()) {
        w.Key(key);
        WriteTree(w, member);
      }
      w.EndObject();
      return;
    case nlohmann::ordered_json::value_t::array:
      w.BeginArray();
      for (const auto& item : v) WriteTree(w, item);
      w.EndArray();
      return;
    case nlohmann::ordered_json::value_t::string:
      return w.String(v.get_ref<const std::string&>());
    case nlohmann::ordered_json::value_t::boolean:
      return w.Bool(v.get<bool>());
    case nlohmann::ordered_json::value_t::number_integer:
      return w.Int(v.get<int64_t>());
    case nlohmann::ordered_json::value_t::number_unsigned: {
      const uint64_t u = v.get<uint64_t>();
      if (u <= static_cast<uint64_t>(INT64_MAX)) return w.Int(static_cast<int64_t>(u));
      return w.Literal(std::to_string(u));
    }
    case nlohmann::ordered_json::value_t::number_float:
      return w.Number(v.get<double>());
    default:
      return w.Null();
  }
}

}  // namespace

void JsonWriter::Parsed(std::string_view json) { WriteTree(*this, nlohmann::ordered_json::parse(json)); }

}  // namespace flywheel
