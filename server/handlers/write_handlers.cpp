// Parameter handling of the write endpoints; the write itself is execute_write.
#include "server/handlers/write_handlers.h"

#include "server/handlers/write_request.h"

namespace strata::server {
namespace {

// Reads the tenant from `tenant_param` and the precision, answering 400 when either is bad.
void write_with(const Request& request, const RequestTarget& target, ServerContext& context, Responder respond,
                WriteRequest write, std::string_view tenant_param) {
  const auto tenant = target.param(tenant_param);
  if (!tenant || tenant->empty()) {
    const std::string what = tenant_param == "db" ? "database" : std::string(tenant_param);
    respond(make_write_error(request, write.shape, http::status::bad_request, what + " is required"));
    return;
  }
  write.tenant = std::string(*tenant);
  auto precision = parse_precision(target.param("precision").value_or(""));
  if (!precision) {
    respond(make_write_error(request, write.shape, http::status::bad_request, precision.error().message()));
    return;
  }
  write.precision = *precision;
  execute_write(request, write, context, std::move(respond));
}

}  // namespace

void handle_write_v1(const Request& request, const RequestTarget& target, ServerContext& context, Responder respond) {
  write_with(request, target, context, std::move(respond), WriteRequest{}, "db");
}

void handle_write_v2(const Request& request, const RequestTarget& target, ServerContext& context, Responder respond) {
  WriteRequest write;
  write.shape = ErrorShape::kInfluxV2;
  write_with(request, target, context, std::move(respond), write, "bucket");
}

void handle_write_json(const Request& request, const RequestTarget& target, ServerContext& context,
                       Responder respond) {
  WriteRequest write;
  write.format = BodyFormat::kJson;
  write_with(request, target, context, std::move(respond), write, "db");
}

}  // namespace strata::server
