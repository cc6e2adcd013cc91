// Boost.URL's compiled part, built into this library once: Debian 12 ships its headers with
// Boost but the library only in a separate package, and this avoids a dependency for one parser.
#include <boost/url/src.hpp>
