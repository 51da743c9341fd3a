#include "server/content_encoding.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace flywheel {
namespace {

TEST(AcceptEncodingTest, PicksWhatTheClientAccepts) {
  struct Case {
    const char* header;
    bool gzip, brotli;
  };
  for (const Case& c : {
           Case{"", false, false},
           Case{"gzip", true, false},
           Case{"gzip, deflate, br", true, true},
           Case{"GZIP;q=0.5, BR;Q=1", true, true},
           Case{"br;q=0", false, false},
           Case{"gzip;q=0, br", false, true},
           Case{"*", true, true},
           Case{"*;q=0.1, br;q=0", true, false},
           Case{"identity", false, false},
           Case{"x-gzip", true, false},
           Case{"gzip;q=2", false, false},  // malformed q-value: the element is ignored
           Case{"gzip;q=abc, br", false, true},
           Case{" gzip ; q=0.001 ", true, false},
       }) {
    AcceptedCodings a = ParseAcceptEncoding(c.header);
    EXPECT_EQ(a.gzip, c.gzip) << c.header;
    EXPECT_EQ(a.brotli, c.brotli) << c.header;
  }
}

TEST(ContentEncodingTest, CompressedBodiesDecompressToTheOriginal) {
  std::mt19937 rng(7);
  for (size_t size : {size_t{0}, size_t{1}, size_t{1000}, size_t{300000}}) {
    std::string body;
    for (size_t i = 0; i < size; ++i) body += "{\"mrr\": 1234.5, \"segment\": \"x\"}"[rng() % 32];
    std::string gz = GzipCompress(body, kJsonGzipLevel);
    std::string br = BrotliCompress(body, kJsonBrotliQuality);
    ASSERT_FALSE(gz.empty());
    ASSERT_FALSE(br.empty());
    EXPECT_EQ(GzipDecompress(gz), body);
    EXPECT_EQ(BrotliDecompress(br), body);
    if (size >= 1000) {
      EXPECT_LT(gz.size(), body.size());
      EXPECT_LT(br.size(), body.size());
    }
  }
  EXPECT_EQ(GzipDecompress("not gzip"), "");
  EXPECT_EQ(BrotliDecompress("not brotli at all"), "");
}

}  // namespace
}  // namespace flywheel
