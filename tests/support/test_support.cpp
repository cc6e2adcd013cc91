// Anchor for the test-support library; helpers live in files of their own beside it.
namespace strata::testing {}
