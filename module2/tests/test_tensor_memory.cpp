// module2/tests/test_tensor_memory.cpp
//
// Graphs are freed: after backward, when the last handle goes, and without
// recursion (a chain of 100 000 operations does not overflow the stack).
#include <gtest/gtest.h>
#include <pthread.h>

#include <exception>

#include "minitorch/tensor.h"
#include "minitorch/tensor_network.h"

namespace mt = minitorch;
using minitorch::Tensor;

namespace {

constexpr int kLongChain = 100000;

// Runs fn on a thread with a 256 KiB stack: a recursion as deep as the chain
// would overflow it (recursive destruction of 100 000 nodes needs several MiB).
void on_small_stack(void (*fn)()) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 256 * 1024);
  pthread_t thread;
  ASSERT_EQ(pthread_create(
                &thread, &attr,
                [](void* f) -> void* {
                  try {  // an exception must not escape a thread (std::terminate)
                    reinterpret_cast<void (*)()>(f)();
                  } catch (const std::exception& e) {
                    ADD_FAILURE() << e.what();
                  }
                  return nullptr;
                },
                reinterpret_cast<void*>(fn)),
            0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
}

}  // namespace

TEST(TensorMemory, LongChainIsFreedWithoutRecursion) {
  on_small_stack([] {
    const std::size_t before = mt::detail::live_tensor_nodes();
    {
      const Tensor x = mt::tensor({1.0, 2.0});
      x.requires_grad_(true);
      Tensor y = x;
      for (int i = 0; i < kLongChain; ++i) y = y * 1.0;
      EXPECT_GT(mt::detail::live_tensor_nodes(), before + kLongChain);
    }  // y's graph dies here, node by node
    EXPECT_EQ(mt::detail::live_tensor_nodes(), before);
  });
}

TEST(TensorMemory, BackwardThroughALongChain) {
  on_small_stack([] {
    const Tensor x = mt::tensor({1.0, 2.0});
    x.requires_grad_(true);
    Tensor y = x;
    for (int i = 0; i < kLongChain; ++i) y = y + 1.0;
    y.sum().backward();
    ASSERT_TRUE(x.grad().has_value());
    EXPECT_EQ(x.grad()->to_vector(), (std::vector<double>{1.0, 1.0}));
    EXPECT_EQ(y.history(), nullptr) << "backward frees the graph";
  });
}

TEST(TensorMemory, TrainingLeavesNoGraphBehind) {
  const mt::Dataset data = mt::make_dataset("xor", 30, 1);
  mt::TensorTrainOptions options;
  options.hidden = 4;
  options.max_epochs = 3;
  const std::size_t before = mt::detail::live_tensor_nodes();
  {
    const mt::TensorTrainResult result = mt::train_tensor(data, options);
    // What is left: the parameters and their gradients (6 + 6 nodes).
    EXPECT_LE(mt::detail::live_tensor_nodes(), before + 12);
  }
  EXPECT_EQ(mt::detail::live_tensor_nodes(), before);
}

TEST(TensorMemory, BackwardReleasesIntermediates) {
  const Tensor x = mt::tensor({1.0, 2.0, 3.0});
  x.requires_grad_(true);
  const std::size_t before = mt::detail::live_tensor_nodes();
  const Tensor loss = ((x * x).sigmoid() + x.exp()).sum();
  EXPECT_GT(mt::detail::live_tensor_nodes(), before + 5);
  loss.backward();
  // Only the loss itself and x's gradient remain.
  EXPECT_LE(mt::detail::live_tensor_nodes(), before + 2);
}
