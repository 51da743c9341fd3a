#include "model/string_column.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "model/code_column.h"
#include "model/dataset.h"
#include "model/id_index.h"
#include "model/number_column.h"
#include "testing/blank_account.h"

namespace flywheel {
namespace {

TEST(StringColumnTest, RowsReadBackAsWritten) {
  StringColumn c;
  EXPECT_TRUE(c.empty());
  c.push_back("A-1");
  c.push_back("");
  c.push_back("a name longer than the fifteen characters of a short string");
  c.push_back("Zoë");
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[0], "A-1");
  EXPECT_EQ(c[1], "");
  EXPECT_EQ(c[2], "a name longer than the fifteen characters of a short string");
  EXPECT_EQ(c[3], "Zoë");
  EXPECT_EQ(c.back(), "Zoë");
  EXPECT_EQ(c,
            (StringColumn{"A-1", "", "a name longer than the fifteen characters of a short string", "Zoë"}));
  EXPECT_FALSE(c == (StringColumn{"A-1", "", "x", "Zoë"}));
  EXPECT_FALSE(c == (StringColumn{"A-1"}));
  // "ab" + "" and "a" + "b" hold the same text and count: the row boundaries tell them apart.
  EXPECT_FALSE((StringColumn{"ab", ""}) == (StringColumn{"a", "b"}));
}

TEST(StringColumnTest, OffsetsWidenPastTheLimitAndRowsStayTheSame) {
  // A limit of 10 bytes stands for 4 GiB: the third row ends past it.
  StringColumn c = StringColumn::WithNarrowLimit(10);
  c.push_back("abcd");
  c.push_back("efgh");
  const size_t narrow_bytes = c.memory_bytes();
  c.push_back("ijklmn");
  c.push_back("");
  c.push_back("op");
  ASSERT_EQ(c.size(), 5u);
  EXPECT_EQ(c[0], "abcd");
  EXPECT_EQ(c[1], "efgh");
  EXPECT_EQ(c[2], "ijklmn");
  EXPECT_EQ(c[3], "");
  EXPECT_EQ(c[4], "op");
  EXPECT_GT(c.memory_bytes(), narrow_bytes);  // 8-byte offsets now
  // Equal to the same rows kept with narrow offsets.
  EXPECT_EQ(c, (StringColumn{"abcd", "efgh", "ijklmn", "", "op"}));
  c.shrink_to_fit();
  EXPECT_EQ(c[2], "ijklmn");
}

TEST(IdIndexTest, FindsEveryRowThroughGrowth) {
  StringColumn ids;
  IdIndex index;
  // Far more ids than the first table's 512 slots at half load: it grows several times.
  for (int i = 0; i < 5000; ++i) {
    ids.push_back("L" + std::to_string(i * 7));
    EXPECT_EQ(index.Insert(ids, i), -1);
  }
  EXPECT_EQ(index.size(), 5000u);
  for (int i = 0; i < 5000; ++i) EXPECT_EQ(index.Find(ids, "L" + std::to_string(i * 7)), i);
  EXPECT_EQ(index.Find(ids, "L1"), -1);
  EXPECT_EQ(index.Find(ids, ""), -1);
}

TEST(IdIndexTest, DuplicateReturnsTheFirstRowAndEmptyIdsAreNotIndexed) {
  StringColumn ids{"A", "", "B", "A", ""};
  IdIndex index;
  index.Reserve(ids, ids.size());
  EXPECT_EQ(index.Insert(ids, 0), -1);
  EXPECT_EQ(index.Insert(ids, 1), -1);
  EXPECT_EQ(index.Insert(ids, 2), -1);
  EXPECT_EQ(index.Insert(ids, 3), 0);  // "A" again: row 0 keeps the index
  EXPECT_EQ(index.Insert(ids, 4), -1);
  EXPECT_EQ(index.size(), 2u);
  EXPECT_EQ(index.Find(ids, "A"), 0);
  EXPECT_EQ(index.Find(ids, "B"), 2);
}

TEST(DatasetTest, MemoryBytesCountsColumnsAndIndex) {
  Dataset d;
  Accounts& a = d.accounts;
  a.Reserve(3);
  for (const char* id : {"A1", "A2", "A3"}) AppendBlankAccount(&a, id);
  EXPECT_EQ(a.Find("A2"), 1);
  // By hand: per row five 4-byte codes, employees and annual_revenue (8 bytes each),
  // created_at and parent (4 each) = 44 bytes; plus the two text columns and the index's
  // first 1024 slots of 8 bytes (a row and a hash tag).
  EXPECT_EQ(d.MemoryBytes(Table::kAccounts), 3 * 44 + a.id.memory_bytes() + a.name.memory_bytes() + 8192);
  EXPECT_GE(a.id.memory_bytes(), 3 * 4 + 6u);  // three offsets and "A1A2A3"
  EXPECT_EQ(d.MemoryBytes(Table::kUsage), 0u);
}

// Values exact as floats are held in 4 bytes and read back unchanged; the first value that is
// not (0.1, 2^24 + 1) turns the column into doubles, and every value read back is still the one
// stored, the earlier ones included.
TEST(NumberColumnTest, FloatsUntilAValueNeedsADouble) {
  NumberColumn c;
  c.reserve(8);
  const double nan = std::nan("");
  for (double v : {3.0, 0.5, -2.0, 16777216.0, nan}) c.push_back(v);
  EXPECT_FALSE(c.wide());
  EXPECT_EQ(c.memory_bytes(), 8 * sizeof(float));
  EXPECT_EQ(c[0], 3.0);
  EXPECT_EQ(c[3], 16777216.0);
  EXPECT_TRUE(std::isnan(c[4]));
  c.push_back(16777217.0);  // 2^24 + 1: no float holds it
  EXPECT_TRUE(c.wide());
  c.push_back(0.1);
  ASSERT_EQ(c.size(), 7u);
  EXPECT_EQ(c.memory_bytes(), 8 * sizeof(double));
  EXPECT_EQ(c[1], 0.5);
  EXPECT_EQ(c[2], -2.0);
  EXPECT_TRUE(std::isnan(c[4]));
  EXPECT_EQ(c[5], 16777217.0);
  EXPECT_EQ(c[6], 0.1);
}

// Codes below 65535 and kNullCode are held in 2 bytes and read back unchanged; the first larger
// code turns the column into 4-byte codes, and every code read back is still the one stored.
// Rewrite maps the codes in place, widening when a new code needs it.
TEST(CodeColumnTest, TwoBytesUntilACodeNeedsFour) {
  CodeColumn c;
  c.reserve(8);
  for (Code v : {Code{7}, kNullCode, Code{0}, Code{65534}}) c.push_back(v);
  EXPECT_FALSE(c.wide());
  EXPECT_EQ(c.memory_bytes(), 8 * sizeof(uint16_t));
  EXPECT_EQ(c, (std::vector<Code>{7, kNullCode, 0, 65534}));
  c.push_back(65535);  // would read as the null of the narrow form
  EXPECT_TRUE(c.wide());
  c.push_back(70000);
  EXPECT_EQ(c.memory_bytes(), 8 * sizeof(Code));
  EXPECT_EQ(c, (std::vector<Code>{7, kNullCode, 0, 65534, 65535, 70000}));
  EXPECT_EQ(std::vector<Code>(c.begin(), c.end()), (std::vector<Code>{7, kNullCode, 0, 65534, 65535, 70000}));

  CodeColumn r{1, kNullCode, 2};
  r.Rewrite([](Code x) { return x == kNullCode ? x : x + 10; });
  EXPECT_FALSE(r.wide());
  EXPECT_EQ(r, (std::vector<Code>{11, kNullCode, 12}));
  r.Rewrite([](Code x) { return x == 12 ? Code{100000} : x; });  // the last code widens the column
  EXPECT_TRUE(r.wide());
  EXPECT_EQ(r, (std::vector<Code>{11, kNullCode, 100000}));
}

}  // namespace
}  // namespace flywheel
