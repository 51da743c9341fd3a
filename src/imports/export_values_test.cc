#include "imports/export_values.h"

#include <gtest/gtest.h>

#include "imports/delimited_text.h"

namespace flywheel {
namespace {

double Amount(std::string_view text, NumberFormat f = {}) {
  auto a = ParseExportAmount(text, f);
  EXPECT_TRUE(a.has_value()) << text;
  return a ? a->value : -999;
}
std::string Currency(std::string_view text, NumberFormat f = {}) {
  auto a = ParseExportAmount(text, f);
  return a ? a->currency : "<none>";
}

TEST(ExportAmount, UsFormat) {
  EXPECT_EQ(Amount("$1,234,567.00"), 1234567.0);
  EXPECT_EQ(Currency("$1,234,567.00"), "USD");
  EXPECT_EQ(Amount("(1,200)"), -1200.0);
  EXPECT_EQ(Amount("-49.5"), -49.5);
  EXPECT_EQ(Amount(" 98 "), 98.0);
  EXPECT_EQ(Amount("£12.50"), 12.5);
  EXPECT_EQ(Currency("£12.50"), "GBP");
  EXPECT_EQ(Amount("USD 1,200.00"), 1200.0);
  EXPECT_EQ(Currency("USD 1,200.00"), "USD");
  EXPECT_EQ(Currency("1200"), "");
  EXPECT_EQ(Amount("-$5"), -5.0);
}

TEST(ExportAmount, EuropeanFormat) {
  NumberFormat eu{',', '.'};
  EXPECT_EQ(Amount("1.234,56 €", eu), 1234.56);
  EXPECT_EQ(Currency("1.234,56 €", eu), "EUR");
  EXPECT_EQ(Amount("1.234.567,8 EUR", eu), 1234567.8);
  EXPECT_EQ(Amount("(1.200,00)", eu), -1200.0);
  NumberFormat swiss{'.', '\''};
  EXPECT_EQ(Amount("CHF 1'250.00", swiss), 1250.0);
  EXPECT_EQ(Currency("CHF 1'250.00", swiss), "CHF");
}

TEST(ExportAmount, Rejects) {
  NumberFormat us;
  EXPECT_FALSE(ParseExportAmount("", us));
  EXPECT_FALSE(ParseExportAmount("abc", us));
  EXPECT_FALSE(ParseExportAmount("1,23.00", us));   // thousands groups must have 3 digits
  EXPECT_FALSE(ParseExportAmount("1.234,56", us));  // European number in a US-format file
  EXPECT_FALSE(ParseExportAmount("$", us));
  EXPECT_FALSE(ParseExportAmount("12 apples", us));
}

TEST(ExportDate, Formats) {
  const Day jan5 = DayFromCivil(2024, 1, 5);
  EXPECT_EQ(ParseExportDate("2024-01-05 10:12", {"%Y-%m-%d %H:%M"}), jan5);
  EXPECT_EQ(ParseExportDate("05.01.2024", {"%d.%m.%Y"}), jan5);
  EXPECT_EQ(ParseExportDate("1/5/2024", {"%m/%d/%Y"}), jan5);
  EXPECT_EQ(ParseExportDate("01/05/2024 11:30 PM", {"%m/%d/%Y %I:%M %p"}), jan5);
  EXPECT_EQ(ParseExportDate("05-Jan-2024 10:00", {"%d-%b-%Y %H:%M"}), jan5);
  EXPECT_EQ(ParseExportDate(" 2024-01-05 ", {}), jan5);  // ISO always works
  EXPECT_EQ(ParseExportDate("2024-01-05 10:12:00 UTC", {"%Y-%m-%d %H:%M:%S"}), jan5);
  // Zones: 23:30 at -02:00 is 01:30 UTC the next day; 00:30 at +0200 is the day before.
  EXPECT_EQ(ParseExportDate("2024-01-04T23:30:00.000-0200", {}), jan5);
  EXPECT_EQ(ParseExportDate("2024-01-06T00:30:00+02:00", {}), jan5);
  EXPECT_FALSE(ParseExportDate("31.02.2024", {"%d.%m.%Y"}));
  EXPECT_FALSE(ParseExportDate("2024-01-05", {"%d.%m.%Y"}) != jan5);
  EXPECT_FALSE(ParseExportDate("yesterday", {"%d.%m.%Y"}));
}

TEST(DelimitedText, SemicolonBomCrlf) {
  auto t = ParseDelimitedText("\xEF\xBB\xBFid;name;amount\r\n1;\"Acme; Ltd\";\"1.234,56 €\"\r\n\r\n2;B;3\r\n",
                              0, "x.csv");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->dialect.delimiter, ';');
  ASSERT_EQ(t->header.size(), 3u);
  EXPECT_EQ(t->header[0], "id");
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0].fields[1], "Acme; Ltd");
  EXPECT_EQ(t->rows[0].fields[2], "1.234,56 €");
  EXPECT_EQ(t->rows[1].line, 4);
  EXPECT_EQ(t->rows[1].fields[2], "3");
}

TEST(DelimitedText, Errors) {
  auto a = ParseDelimitedText("a,b\n1,\"x\n", ',', "x.csv");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message(), "x.csv:2: unterminated quoted field");
  auto b = ParseDelimitedText("a,b\n1,\"x\"y\n", ',', "x.csv");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().message(), "x.csv:2: unexpected text after the closing quote of a field");
  EXPECT_EQ(DetectDelimiter("a\tb\tc\n"), '\t');
  EXPECT_EQ(DetectDelimiter("\"a,b\";c;d\n"), ';');
}

TEST(DelimitedText, EncodingsAndLineEnds) {
  // Windows-1252 from European Excel: semicolons, CRLF, "Müller" as 0xFC.
  auto w = ParseDelimitedText("Kunde;Name\r\nK1;M\xFCller\r\n", 0, "w.csv");
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->dialect.encoding, "windows-1252");
  EXPECT_EQ(w->dialect.line_ends, LineEnds::kCrLf);
  EXPECT_EQ(w->rows[0].fields[1], "M\xC3\xBCller");
  // CR line ends and pipes.
  auto cr = ParseDelimitedText("a|b\r1|2\r3|4\r", 0, "c.csv");
  ASSERT_TRUE(cr.ok());
  EXPECT_EQ(cr->dialect.delimiter, '|');
  ASSERT_EQ(cr->rows.size(), 2u);
  EXPECT_EQ(cr->rows[1].line, 3);
  // UTF-16LE with a byte-order mark (Excel's "Unicode text": tabs).
  auto u = ParseDelimitedText(std::string("\xFF\xFE"
                                          "a\0\t\0b\0\n\0\xFC\0\t\0x\0\n\0",
                                          18),
                              0, "u.csv");
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_EQ(u->dialect.encoding, "UTF-16LE");
  EXPECT_EQ(u->rows[0].fields[0], "\xC3\xBC");
  // Mostly UTF-8 with a broken byte: kept, flagged for the mapper to report the row.
  auto b = ParseDelimitedText("a\nM\xC3\xBCller\nCaf\xE9\n", 0, "b.csv");
  ASSERT_TRUE(b.ok());
  EXPECT_TRUE(b->may_hold_invalid_utf8);
}

TEST(ExportValues, ThousandsAndMillionsSuffixes) {
  const NumberFormat us;
  EXPECT_EQ(ParseExportAmount("12.5K", us)->value, 12500);
  EXPECT_EQ(ParseExportAmount("$1.2M", us)->value, 1200000);
  EXPECT_EQ(ParseExportAmount("$1.2M", us)->currency, "USD");
  EXPECT_EQ(ParseExportAmount("3 m", us)->value, 3000000);
  EXPECT_EQ(ParseExportAmount("(2k)", us)->value, -2000);
  EXPECT_EQ(ParseExportAmount("1,5K €", NumberFormat{',', '.'})->value, 1500);
  EXPECT_EQ(ParseExportAmount("1,5K €", NumberFormat{',', '.'})->currency, "EUR");
  EXPECT_FALSE(ParseExportAmount("K", us));
  EXPECT_FALSE(ParseExportAmount("12KM", us));
}

TEST(ExportValues, UnixSeconds) {
  const Day jan5 = DayFromCivil(2024, 1, 5);
  EXPECT_EQ(ParseExportDate("1704412800", {"%s"}), jan5);    // 2024-01-05T00:00:00Z
  EXPECT_EQ(ParseExportDate("1704499199.5", {"%s"}), jan5);  // 23:59:59.5 the same day
  EXPECT_EQ(ParseExportDate("-86400", {"%s"}), DayFromCivil(1969, 12, 31));
  EXPECT_FALSE(ParseExportDate("2024-01-05x", {"%s"}));
}

TEST(ExportValues, DayMonthNameFormats) {
  const Day mar12 = DayFromCivil(2024, 3, 12);
  EXPECT_EQ(ParseExportDate("12 Mar, 2024", {"%d %b, %Y"}), mar12);
  EXPECT_EQ(ParseExportDate("March 12, 2024", {"%b %d, %Y"}), mar12);
  EXPECT_EQ(ParseExportDate("12.03.2024", {"%d.%m.%Y"}), mar12);
  EXPECT_EQ(ParseExportDate("03/12/2024", {"%m/%d/%Y"}), mar12);
  EXPECT_EQ(ParseExportDate("2024-03-12T23:30:00-05:00", {"%Y-%m-%dT%H:%M:%S%z"}), mar12 + 1);
}

}  // namespace
}  // namespace flywheel
