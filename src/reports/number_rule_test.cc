// The number rule (output/json_number.h) over every report of the registry on the demo data:
// each report is run as JSON and as CSV, with its default parameters and with the variants
// that change its numbers (quarters, segments, metrics, modes). In both texts no number has
// more than 15 significant digits and no whole value carries a decimal point, and where the
// JSON has a row for each CSV line, JSON and CSV carry the same value in every cell.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "demo/demo_generator.h"
#include "output/report_writer.h"
#include "reports/report_registry.h"
#include "testing/csv_records.h"

namespace flywheel {
namespace {

namespace fs = std::filesystem;

// Significant digits of a number's text: from the first non-zero digit to the last non-zero
// digit of the mantissa (trailing zeros of a whole number are not significant).
int SignificantDigits(const std::string& text) {
  std::string digits;
  for (char c : text.substr(0, text.find_first_of("eE"))) {
    if (c >= '0' && c <= '9') digits += c;
  }
  const size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return 0;
  return static_cast<int>(digits.find_last_not_of('0') - first + 1);
}

// What is wrong with a number's text under the rule, or "".
std::string Problem(const std::string& text) {
  if (SignificantDigits(text) > 15) return "more than 15 significant digits";
  const double v = std::strtod(text.c_str(), nullptr);
  if (text.find_first_of(".eE") != std::string::npos && v == std::trunc(v) && std::fabs(v) < 1e15) {
    return "a whole value written with a decimal point or exponent";
  }
  return "";
}

// Collects the text of every floating-point number of a JSON document as the parser reads it.
struct NumberTexts : nlohmann::json_sax<nlohmann::json> {
  std::vector<std::string> texts;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t& s) override {
    texts.push_back(s);
    return true;
  }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }
};

const std::regex kNumber(R"(-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?)");

class NumberRuleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("flywheel-number-rule-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    DemoOptions demo;
    demo.accounts = 2000;
    ASSERT_TRUE(WriteDemoDataSet(dir_->string(), demo).ok());
    const char* source = std::getenv("FLYWHEEL_SOURCE_DIR");
    ASSERT_NE(source, nullptr) << "run through ctest (FLYWHEEL_SOURCE_DIR)";
    InputOptions io;
    io.data_dir = dir_->string();
    auto in = LoadInput(io);
    ASSERT_TRUE(in.ok()) << in.status().message();
    input_ = new Input(std::move(*in));
    input_->segments_file = std::string(source) + "/examples/segments.toml";
    input_->beachhead_file = std::string(source) + "/examples/market.toml";
  }
  static void TearDownTestSuite() {
    delete input_;
    if (dir_) fs::remove_all(*dir_);
    delete dir_;
  }

  static inline fs::path* dir_ = nullptr;
  static inline Input* input_ = nullptr;
};

// The parameter sets each report runs with: its defaults, and the variants it accepts.
std::vector<std::map<std::string, std::string>> Variants(const ReportSpec& spec,
                                                         const std::string& an_account) {
  auto accepts = [&](const char* name) {
    for (const auto& p : spec.params) {
      if (p == name) return true;
    }
    return false;
  };
  std::map<std::string, std::string> base;
  if (accepts("from")) base = {{"from", "2025-07-01"}, {"to", "2025-12-31"}};
  if (std::string(spec.name) == "market/forecast") base = {{"m", "1198"}, {"average_arr", "15000"}};
  if (std::string(spec.name) == "account") base = {{"account", an_account}};
  std::vector<std::map<std::string, std::string>> out = {base};
  if (accepts("period") && accepts("segment_by")) {
    auto v = base;
    v["period"] = "quarter";
    v["segment_by"] = "segment";
    out.push_back(v);
  }
  if (accepts("metric")) {
    for (const char* m : {"grr", "logo"}) {
      auto v = base;
      v["metric"] = m;
      out.push_back(v);
    }
  }
  if (accepts("mode")) out.push_back({{"mode", "period"}});
  if (accepts("by_cohort")) out.push_back({{"by_cohort", "true"}});
  if (accepts("indicators")) out.push_back({{"indicators", "true"}});
  return out;
}

TEST_F(NumberRuleTest, EveryReportWritesNumbersByTheRuleAndTheSameValueInJsonAndCsv) {
  std::set<std::string> ran, compared;
  int64_t json_numbers = 0, csv_numbers = 0, cells_compared = 0;
  for (const ReportSpec& spec : Reports()) {
    for (const auto& variant : Variants(spec, std::string(input_->dataset.accounts.id[0]))) {
      std::string what = spec.name;
      for (const auto& [k, v] : variant) what += " " + k + "=" + v;
      SCOPED_TRACE(what);
      ReportParams json_params, csv_params;
      for (const auto& [k, v] : variant) {
        json_params.Set(k, v);
        csv_params.Set(k, v);
      }
      json_params.Set("format", "json");
      csv_params.Set("format", "csv");
      auto as_json = RunReport(spec, *input_, json_params);
      auto as_csv = RunReport(spec, *input_, csv_params);
      ASSERT_TRUE(as_json.ok()) << as_json.status().message();
      ASSERT_TRUE(as_csv.ok()) << as_csv.status().message();
      ran.insert(spec.name);
      const std::string json_text = RenderJson(*as_json);
      const std::string csv_text = RenderCsv(*as_csv);

      NumberTexts sax;
      ASSERT_TRUE(nlohmann::json::sax_parse(json_text, &sax));
      for (const std::string& t : sax.texts) {
        EXPECT_EQ(Problem(t), "") << "JSON number " << t;
        ++json_numbers;
      }
      const auto csv = CsvRecords(csv_text);
      ASSERT_FALSE(csv.empty());
      for (size_t r = 1; r < csv.size(); ++r) {
        for (const std::string& field : csv[r]) {
          if (!std::regex_match(field, kNumber)) continue;
          EXPECT_EQ(Problem(field), "") << "CSV field " << field;
          ++csv_numbers;
        }
      }

      // The same value in both, cell by cell, where the JSON rows are the CSV lines.
      const auto json = nlohmann::json::parse(json_text);
      const nlohmann::json* rows = json.contains("rows") && json["rows"].is_array() ? &json["rows"] : nullptr;
      if (!rows || rows->size() + 1 != csv.size() || rows->empty() || !(*rows)[0].is_object()) continue;
      const std::vector<std::string>& header = csv[0];
      for (size_t r = 0; r < rows->size(); ++r) {
        for (size_t c = 0; c < header.size() && c < csv[r + 1].size(); ++c) {
          const auto found = (*rows)[r].find(header[c]);
          if (found == (*rows)[r].end()) continue;
          const std::string& field = csv[r + 1][c];
          if (found->is_null()) {
            EXPECT_EQ(field, "") << header[c] << " row " << r;
          } else if (found->is_number()) {
            EXPECT_EQ(std::strtod(field.c_str(), nullptr), found->get<double>())
                << header[c] << " row " << r << ": CSV " << field;
            ++cells_compared;
            compared.insert(spec.name);
          }
        }
      }
    }
  }
  for (const char* name : {"revenue", "cohorts", "pipeline", "waterfall", "bowtie", "ttv", "efficiency",
                           "flywheel", "prospects", "customers", "attention", "migration", "segments",
                           "market/beachhead", "market/forecast", "market/fit"}) {
    EXPECT_TRUE(ran.count(name)) << name;
  }
  for (const char* name :
       {"revenue", "pipeline", "efficiency", "flywheel", "prospects", "customers", "market/fit"}) {
    EXPECT_TRUE(compared.count(name)) << name << ": no JSON row matched its CSV line";
  }
  EXPECT_GT(json_numbers, 10000);
  EXPECT_GT(csv_numbers, 10000);
  EXPECT_GT(cells_compared, 10000);
  std::printf("%zu reports, %lld JSON and %lld CSV numbers, %lld cells compared\n", ran.size(),
              static_cast<long long>(json_numbers), static_cast<long long>(csv_numbers),
              static_cast<long long>(cells_compared));
}

}  // namespace
}  // namespace flywheel
