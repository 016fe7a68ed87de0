#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace maps {

// A directed graph whose vertices carry a weight (minutes). Knows nothing of BPMN.
class FlowGraph {
 public:
  explicit FlowGraph(std::vector<std::int64_t> weights) : weights_(std::move(weights)) {}

  std::size_t add_vertex(std::int64_t weight);
  void add_edge(std::size_t from, std::size_t to) { edges_.emplace_back(from, to); }

  struct Result {
    std::optional<std::int64_t> length;            // none when no end is reachable from a start
    std::vector<std::size_t> path;                 // vertices of one longest path, first to last
    std::vector<std::vector<std::size_t>> cycles;  // up to max_cycles loops, in flow order
    std::size_t back_edges = 0;                    // loops found in all
  };

  // The heaviest path (sum of vertex weights) from any start to any end. A depth-first
  // search from the starts, then from every other vertex, finds the edges that close a
  // loop (back edges); they are reported and left out, so the path is taken on what is
  // then acyclic and no loop is followed more than once.
  Result longest_path(const std::vector<std::size_t>& starts, const std::vector<std::size_t>& ends,
                      std::size_t max_cycles) const;

 private:
  std::vector<std::int64_t> weights_;
  std::vector<std::pair<std::size_t, std::size_t>> edges_;
};

}  // namespace maps
