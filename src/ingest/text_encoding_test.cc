#include "ingest/text_encoding.h"

#include <gtest/gtest.h>

#include <string>

namespace flywheel {
namespace {

std::string Decode(std::string_view bytes, std::string* encoding = nullptr, bool* invalid = nullptr) {
  auto d = DecodeText(bytes, "t.csv");
  EXPECT_TRUE(d.ok()) << d.status().message();
  if (!d.ok()) return "";
  if (encoding) *encoding = d->encoding.name;
  if (invalid) *invalid = d->encoding.has_invalid_bytes;
  return std::string(d->Text(bytes));
}

TEST(TextEncodingTest, Utf8IsReadInPlace) {
  std::string encoding;
  bool invalid = true;
  EXPECT_EQ(Decode("a,b\nM\xC3\xBCller,1\n", &encoding, &invalid), "a,b\nM\xC3\xBCller,1\n");
  EXPECT_EQ(encoding, "UTF-8");
  EXPECT_FALSE(invalid);
  EXPECT_EQ(Decode("plain ascii", &encoding), "plain ascii");
  EXPECT_EQ(encoding, "UTF-8");
}

TEST(TextEncodingTest, Utf8ByteOrderMarkIsDropped) {
  std::string encoding;
  EXPECT_EQ(Decode("\xEF\xBB\xBF"
                   "id\n1\n",
                   &encoding),
            "id\n1\n");
  EXPECT_EQ(encoding, "UTF-8 with BOM");
}

TEST(TextEncodingTest, Utf16WithByteOrderMarkIsTranscoded) {
  std::string encoding;
  // "Mü\n" in UTF-16LE and BE, and a character outside the BMP (U+1F600) as a surrogate pair.
  EXPECT_EQ(Decode(std::string("\xFF\xFEM\0\xFC\0\n\0=\xD8\0\xDE", 12), &encoding),
            "M\xC3\xBC\n\xF0\x9F\x98\x80");
  EXPECT_EQ(encoding, "UTF-16LE");
  EXPECT_EQ(Decode(std::string("\xFE\xFF\0M\0\xFC\0\n", 8), &encoding), "M\xC3\xBC\n");
  EXPECT_EQ(encoding, "UTF-16BE");
}

TEST(TextEncodingTest, BrokenUtf16IsRefused) {
  auto odd = DecodeText(std::string("\xFF\xFEM\0x", 5), "u.csv");
  ASSERT_FALSE(odd.ok());
  EXPECT_EQ(odd.status().message(), "u.csv: not valid UTF-16 (an odd number of bytes); save it as UTF-8");
  auto lone = DecodeText(std::string("\xFF\xFE\x00\xD8M\0", 6), "u.csv");  // a high surrogate alone
  ASSERT_FALSE(lone.ok());
  EXPECT_EQ(lone.status().message(), "u.csv: not valid UTF-16 (an unpaired surrogate); save it as UTF-8");
}

TEST(TextEncodingTest, Windows1252IsTranscoded) {
  std::string encoding;
  bool invalid = true;
  // ü é – € as Windows-1252 writes them: 0xFC 0xE9 0x96 0x80.
  EXPECT_EQ(Decode("id,name\n1,M\xFCller Caf\xE9 \x96 5 \x80\n", &encoding, &invalid),
            "id,name\n1,M\xC3\xBCller Caf\xC3\xA9 \xE2\x80\x93 5 \xE2\x82\xAC\n");
  EXPECT_EQ(encoding, "windows-1252");
  EXPECT_FALSE(invalid);
}

TEST(TextEncodingTest, MostlyUtf8WithABrokenByteStaysUtf8) {
  std::string encoding;
  bool invalid = false;
  const std::string text = "id,name\n1,M\xC3\xBCller\n2,Caf\xE9\n";
  EXPECT_EQ(Decode(text, &encoding, &invalid), text);
  EXPECT_EQ(encoding, "UTF-8");
  EXPECT_TRUE(invalid);
}

TEST(TextEncodingTest, NulBytesWithoutByteOrderMarkAreRefused) {
  auto d = DecodeText(std::string("i\0d\0\n\0", 6), "n.csv");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().message(),
            "n.csv: the file holds NUL bytes (UTF-16 without a byte-order mark, or not a text file)");
}

TEST(TextEncodingTest, OtherEncodingsAreNamedAndRefused) {
  // Russian in KOI8-R, long enough for the detector to be sure.
  std::string koi8;
  for (int i = 0; i < 40; ++i)
    koi8 +=
        "\xF0\xD2\xC9\xD7\xC5\xD4 \xCD\xC9\xD2 \xDA\xC4\xC5\xD3\xD8 \xCF\xDE\xC5\xCE\xD8 "
        "\xC8\xCF\xD2\xCF\xDB\xCF\n";
  auto d = DecodeText(koi8, "k.csv");
  ASSERT_FALSE(d.ok());
  EXPECT_TRUE(d.status().message().starts_with("k.csv: the file is not UTF-8 text (it looks like "))
      << d.status().message();
  EXPECT_TRUE(d.status().message().ends_with("); save it as UTF-8")) << d.status().message();
}

TEST(TextEncodingTest, FindInvalidUtf8) {
  EXPECT_FALSE(FindInvalidUtf8("").has_value());
  EXPECT_FALSE(FindInvalidUtf8("M\xC3\xBCller \xE2\x82\xAC \xF0\x9F\x98\x80").has_value());
  EXPECT_EQ(FindInvalidUtf8("abc\xFF"), 3u);
  EXPECT_EQ(FindInvalidUtf8("\xC3"), 0u);                          // cut short
  EXPECT_EQ(FindInvalidUtf8("ab\xC0\xAF"), 2u);                    // overlong '/'
  EXPECT_EQ(FindInvalidUtf8("x\xED\xA0\x80"), 1u);                 // a surrogate
  EXPECT_EQ(FindInvalidUtf8(std::string(70, 'a') + "\x80"), 70u);  // past the 32-byte runs
}

TEST(TextEncodingTest, Utf8ProblemShowsWhereTheBadByteIs) {
  EXPECT_EQ(Utf8Problem("Caf\xC3\xA9"), "");
  EXPECT_EQ(Utf8Problem("Caf\xE9 Noir"), "not valid UTF-8 (byte 0xE9 after \"Caf\"); save the file as UTF-8");
  EXPECT_EQ(Utf8Problem("\xFFx"), "not valid UTF-8 (byte 0xFF at the start); save the file as UTF-8");
  EXPECT_EQ(Utf8Problem("a very long name of a company in M\xC3\xBCnchen \x80"),
            "not valid UTF-8 (byte 0x80 after \"company in M\xC3\xBCnchen \"); save the file as UTF-8");
}

TEST(TextEncodingTest, ValidUtf8CopyReplacesBadBytes) {
  EXPECT_EQ(ValidUtf8Copy("Caf\xE9!"), "Caf\xEF\xBF\xBD!");
  EXPECT_EQ(ValidUtf8Copy("M\xC3\xBCller"), "M\xC3\xBCller");
}

}  // namespace
}  // namespace flywheel
