#include "web/page_cache.hpp"

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace web {
namespace {

using namespace std::chrono_literals;

constexpr int kCallers = 8;

PageCache::Rendered page(const std::string& body, bool keep = true) {
  return {http::Response::html(200, body), keep};
}

// Callers that ask a cache for "k" at once. The first render holds until every caller has
// asked (and a little longer, for the last one to reach the cache), so without single-flight
// each caller would miss and render too.
struct Crowd {
  std::atomic<int> asked{0};
  std::atomic<int> renders{0};

  PageCache::Rendered render(bool keep, bool first_throws) {
    const int n = ++renders;
    if (n == 1) {
      while (asked.load() < kCallers) std::this_thread::yield();
      std::this_thread::sleep_for(100ms);
      if (first_throws) throw std::runtime_error("render failed");
    }
    return page("page " + std::to_string(n), keep);
  }

  // Each caller's page body, or "threw" for a caller whose get threw.
  std::vector<std::string> ask(PageCache& cache, bool keep, bool first_throws) {
    std::vector<std::string> bodies(kCallers);
    std::vector<std::thread> callers;
    for (int i = 0; i < kCallers; ++i)
      callers.emplace_back([&, i] {
        ++asked;
        try {
          bodies[i] = cache.get("k", [&] { return render(keep, first_throws); })->body;
        } catch (const std::runtime_error&) {
          bodies[i] = "threw";
        }
      });
    for (auto& t : callers) t.join();
    return bodies;
  }
};

TEST(PageCacheTest, CallersMissingTogetherRenderOnce) {
  PageCache cache(4);
  Crowd crowd;
  const auto bodies = crowd.ask(cache, true, false);
  EXPECT_EQ(crowd.renders.load(), 1);
  for (const auto& body : bodies) EXPECT_EQ(body, "page 1");
  EXPECT_EQ(cache.get("k", [] { return page("again"); })->body, "page 1");
  EXPECT_EQ(cache.get("other", [] { return page("other"); })->body, "other");
}

TEST(PageCacheTest, AFailedRenderLetsTheWaitersRenderAndLeavesTheKeyFree) {
  PageCache cache(4);
  Crowd crowd;
  const auto begun = std::chrono::steady_clock::now();
  const auto bodies = crowd.ask(cache, true, true);
  EXPECT_LT(std::chrono::steady_clock::now() - begun, 2s);  // not the 3 s of patience
  EXPECT_GE(crowd.renders.load(), 2);  // the first, then the waiters for themselves
  int threw = 0;
  for (const auto& body : bodies) {
    if (body == "threw")
      ++threw;
    else
      EXPECT_NE(body, "page 1");
  }
  EXPECT_EQ(threw, 1);

  // Alone, a failing render leaves no flight behind: the next caller renders at once.
  EXPECT_THROW(cache.get("alone", []() -> PageCache::Rendered { throw std::runtime_error("x"); }),
               std::runtime_error);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(cache.get("alone", [] { return page("second"); })->body, "second");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);  // no flight left to wait for
}

TEST(PageCacheTest, APageThatMayNotBeKeptIsNotSharedOrKept) {
  PageCache cache(4);
  Crowd crowd;
  const auto start = std::chrono::steady_clock::now();
  crowd.ask(cache, false, false);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  EXPECT_EQ(crowd.renders.load(), kCallers);
  EXPECT_EQ(cache.get("k", [] { return page("fresh"); })->body, "fresh");
}

TEST(PageCacheTest, AWaiterRendersItselfWhenTheFirstRenderIsTooSlow) {
  PageCache cache(4, 50ms);
  std::promise<void> release;
  std::promise<void> rendering;
  auto slow = std::async(std::launch::async, [&] {
    return cache
        .get("k",
             [&] {
               rendering.set_value();
               release.get_future().wait();
               return page("slow");
             })
        ->body;
  });
  rendering.get_future().wait();
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(cache.get("k", [] { return page("own"); })->body, "own");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  release.set_value();
  EXPECT_EQ(slow.get(), "slow");
  EXPECT_EQ(cache.get("k", [] { return page("later"); })->body, "own");  // the first kept
}

TEST(PageCacheTest, TheOldestPageGoesFirst) {
  PageCache cache(2);
  cache.get("a", [] { return page("a"); });
  cache.get("b", [] { return page("b"); });
  cache.get("c", [] { return page("c"); });
  EXPECT_EQ(cache.get("a", [] { return page("a2"); })->body, "a2");
  EXPECT_EQ(cache.get("c", [] { return page("c2"); })->body, "c");
}

}  // namespace
}  // namespace web
