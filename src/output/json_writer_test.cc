#include "output/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

namespace flywheel {
namespace {

using Json = nlohmann::ordered_json;

// Writes a nlohmann value through JsonWriter, member by member.
void Write(JsonWriter& w, const Json& v) {
  if (v.is_object()) {
    w.BeginObject();
    for (const auto& [key, member] : v.items()) {
      w.Key(key);
      Write(w, member);
    }
    w.EndObject();
  } else if (v.is_array()) {
    w.BeginArray();
    for (const auto& item : v) Write(w, item);
    w.EndArray();
  } else if (v.is_string()) {
    w.String(v.get<std::string>());
  } else if (v.is_number_float()) {
    w.Number(v.get<double>());
  } else if (v.is_number_integer()) {
    w.Int(v.get<int64_t>());
  } else if (v.is_boolean()) {
    w.Bool(v.get<bool>());
  } else {
    w.Null();
  }
}

std::string Written(const Json& v, int level = 0) {
  std::string out;
  JsonWriter w(&out, level);
  Write(w, v);
  return out;
}

// nlohmann's dump(2) is the reference layout; indented by `level` the way a member of a
// top-level object is. Floats are the number rule's text (json_number_test.cc tests the rule):
// each is dumped as a placeholder string, then replaced.
std::string Reference(const Json& v, int level = 0) {
  std::vector<std::string> numbers;
  std::function<Json(const Json&)> mark = [&](const Json& x) -> Json {
    if (x.is_object()) {
      Json o = Json::object();
      for (const auto& [key, member] : x.items()) o[key] = mark(member);
      return o;
    }
    if (x.is_array()) {
      Json a = Json::array();
      for (const auto& item : x) a.push_back(mark(item));
      return a;
    }
    if (x.is_number_float()) {
      numbers.push_back(JsonNumber(x.get<double>()));
      return "#number " + std::to_string(numbers.size() - 1) + "#";
    }
    return x;
  };
  std::string text = mark(v).dump(2);
  for (size_t i = 0; i < numbers.size(); ++i) {
    const std::string placeholder = "\"#number " + std::to_string(i) + "#\"";
    text.replace(text.find(placeholder), placeholder.size(), numbers[i]);
  }
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\n') out.append(2 * level, ' ');
  }
  return out;
}

TEST(JsonWriterTest, ScalarsAsNlohmannPrintsThemNumbersByTheRule) {
  for (double d : {0.0, -0.0, 1.0, 100.0, 12500.0, 0.1, 1.0 / 3.0, 1234567.891, 1e-7, 1e21, -2.5e-300,
                   std::numeric_limits<double>::max(), std::numeric_limits<double>::denorm_min()}) {
    EXPECT_EQ(Written(Json(d)), JsonNumber(d)) << d;
  }
  EXPECT_EQ(Written(Json(100.0)), "100");
  EXPECT_EQ(Written(Json(0.1 + 0.2)), "0.3");
  EXPECT_EQ(Written(Json(std::nan(""))), "null");
  EXPECT_EQ(Written(Json(std::numeric_limits<double>::infinity())), "null");
  for (int64_t i : {int64_t{0}, int64_t{-1}, int64_t{42}, std::numeric_limits<int64_t>::min(),
                    std::numeric_limits<int64_t>::max()}) {
    EXPECT_EQ(Written(Json(i)), Reference(Json(i)));
  }
  for (const char* s : {"", "plain", "quote \" and \\ backslash", "tab\there\nnew line\r", "\x01\x1f\x7f",
                        "bell\b feed\f", "Zürich — 東京 🚀", "/slash"}) {
    EXPECT_EQ(Written(Json(s)), Reference(Json(s))) << s;
  }
  EXPECT_EQ(Written(Json(true)), "true");
  EXPECT_EQ(Written(Json(nullptr)), "null");
}

// Whole doubles below 10^15 are written as the integer they are, as an int64 cell holding the
// same value is: a count reads the same whether it was computed as a double or an integer.
TEST(JsonWriterTest, WholeDoublesAreWrittenAsIntegers) {
  std::mt19937_64 rng(11);
  std::vector<int64_t> values;
  for (int64_t p = 1; p < 1'000'000'000'000'000; p *= 10) {
    for (int64_t d : {p - 1, p, p + 1, 2 * p, 9 * p + p / 2}) {
      if (d < 1'000'000'000'000'000) values.push_back(d);
    }
  }
  for (int i = 0; i < 200000; ++i) values.push_back(static_cast<int64_t>(rng() % 1'000'000'000'000'000));
  for (int64_t v : values) {
    EXPECT_EQ(Written(Json(static_cast<double>(v))), Written(Json(v))) << v;
    EXPECT_EQ(Written(Json(static_cast<double>(-v))), Written(Json(-v))) << -v;
  }
}

TEST(JsonWriterTest, InvalidUtf8IsRefusedAsNlohmannRefusesIt) {
  std::string out;
  JsonWriter w(&out);
  EXPECT_THROW(w.String("bad \xff byte"), nlohmann::json::type_error);
}

TEST(JsonWriterTest, ContainersAndEmptyContainers) {
  Json v = Json::parse(R"({"a": [], "b": {}, "c": [1, [2, []], {"d": {}}], "e": {"f": [{"g": null}]}})");
  EXPECT_EQ(Written(v), Reference(v));
  EXPECT_EQ(Written(Json::array()), "[]");
  EXPECT_EQ(Written(Json::object()), "{}");
  for (int level : {1, 2, 3}) EXPECT_EQ(Written(v, level), Reference(v, level)) << level;
}

Json RandomValue(std::mt19937& rng, int depth) {
  std::uniform_int_distribution<int> kind(0, depth > 3 ? 5 : 8);
  static const std::vector<std::string> texts = {"",     "x",    "A0000001", "Prio 1", "a\"b",
                                                 "c\\d", "e\nf", "ä",        "\x02"};
  switch (kind(rng)) {
    case 0:
      return nullptr;
    case 1:
      return std::uniform_int_distribution<int>(0, 1)(rng) == 1;
    case 2:
      return std::uniform_int_distribution<int64_t>(-1'000'000'000'000, 1'000'000'000'000)(rng);
    case 3:
      return std::ldexp(std::uniform_real_distribution<double>(-1, 1)(rng),
                        std::uniform_int_distribution<int>(-60, 60)(rng));
    case 4:
      return std::round(std::uniform_real_distribution<double>(0, 1e6)(rng)) / 100.0;
    case 5:
      return texts[std::uniform_int_distribution<size_t>(0, texts.size() - 1)(rng)];
    case 6:
    case 7: {
      Json o = Json::object();
      int n = std::uniform_int_distribution<int>(0, 4)(rng);
      for (int i = 0; i < n; ++i)
        o["k" + std::to_string(i) + texts[i % texts.size()]] = RandomValue(rng, depth + 1);
      return o;
    }
    default: {
      Json a = Json::array();
      int n = std::uniform_int_distribution<int>(0, 4)(rng);
      for (int i = 0; i < n; ++i) a.push_back(RandomValue(rng, depth + 1));
      return a;
    }
  }
}

TEST(JsonWriterTest, RandomDocumentsMatchNlohmannLayoutByteForByte) {
  std::mt19937 rng(20251231);
  for (int i = 0; i < 2000; ++i) {
    Json v = RandomValue(rng, 0);
    ASSERT_EQ(Written(v), Reference(v)) << v.dump();
    ASSERT_EQ(Written(v, 1), Reference(v, 1)) << v.dump();
  }
}

TEST(JsonWriterTest, ParsedTextIsLaidOutAtTheCurrentLevel) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("extra");
  w.Parsed(R"({"x":[1,2.50,0.30000000000000004,1200.0],"y":"z"})");
  w.EndObject();
  EXPECT_EQ(out,
            "{\n  \"extra\": {\n    \"x\": [\n      1,\n      2.5,\n      0.3,\n      1200\n    ],\n    "
            "\"y\": \"z\"\n  }\n}");
}

// Level() is the indent level of the value written next, and a Literal laid out for that level
// reads the same as the value written member by member.
TEST(JsonWriterTest, LiteralLaidOutAtLevelMatchesTheMembersWritten) {
  std::string out;
  JsonWriter w(&out);
  EXPECT_EQ(w.Level(), 0);
  w.BeginObject();
  w.Key("rows");
  EXPECT_EQ(w.Level(), 1);
  w.BeginArray();
  EXPECT_EQ(w.Level(), 2);
  w.Literal("{\n      \"id\": \"a\\\"b\",\n      \"n\": 1.5\n    }");
  w.Literal("{\n      \"id\": \"c\",\n      \"n\": null\n    }");
  w.EndArray();
  w.EndObject();
  EXPECT_EQ(out, Reference(Json::parse(R"({"rows": [{"id": "a\"b", "n": 1.5}, {"id": "c", "n": null}]})")));
  // Rows begun with a head made once, and after the first with the head and its separator.
  out.clear();
  JsonWriter rows(&out);
  rows.BeginArray();
  for (const char* id : {"a", "b", "c"}) {
    std::string* text = rows.BeginLiteral("{\n    \"id\": ", ",\n  {\n    \"id\": ");
    JsonWriter::AppendQuoted(text, id);
    *text += "\n  }";
  }
  rows.EndArray();
  EXPECT_EQ(out, Reference(Json::parse(R"([{"id": "a"}, {"id": "b"}, {"id": "c"}])")));
  std::string quoted;
  JsonWriter::AppendQuoted(&quoted, "a\"b\n\u00e9");
  EXPECT_EQ(quoted, Json("a\"b\n\u00e9").dump());
}

}  // namespace
}  // namespace flywheel
