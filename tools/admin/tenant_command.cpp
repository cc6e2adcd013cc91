#include "tools/admin/tenant_command.h"

#include <iostream>
#include <memory>

#include "tools/admin/offline_engine.h"

namespace strata::tools {
namespace {

struct TenantArguments {
  std::string data_directory = "./strata-data";
  std::string name;
};

int run(const TenantArguments& arguments, const std::string& action) {
  auto engine = open_offline_engine(arguments.data_directory);
  if (!engine) {
    std::cerr << "strata tenant " << action << ": " << engine.status().to_string() << "\n";
    return 1;
  }
  Status status;
  if (action == "list") {
    for (const std::string& name : (*engine)->list_tenants()) std::cout << name << "\n";
  } else if (action == "create") {
    status = (*engine)->create_tenant(arguments.name);
  } else {
    status = (*engine)->drop_tenant(arguments.name);
  }
  if (status.is_ok()) status = (*engine)->close();
  if (!status.is_ok()) {
    std::cerr << "strata tenant " << action << ": " << status.to_string() << "\n";
    return 1;
  }
  if (action != "list") std::cout << "tenant " << arguments.name << (action == "create" ? " created" : " dropped") << "\n";
  return 0;
}

}  // namespace

void add_tenant_command(CLI::App& app, int& exit_code) {
  auto arguments = std::make_shared<TenantArguments>();
  CLI::App* tenant = app.add_subcommand("tenant", "Create, list and drop tenants (offline, on a data directory)");
  tenant->require_subcommand(1);
  for (const std::string action : {"list", "create", "drop"}) {
    CLI::App* sub = tenant->add_subcommand(action, action == "list"     ? "List tenants"
                                                   : action == "create" ? "Create a tenant"
                                                                        : "Drop a tenant and all its data");
    sub->add_option("--data-dir", arguments->data_directory, "Data directory")->capture_default_str();
    if (action != "list") sub->add_option("name", arguments->name, "Tenant name")->required();
    sub->callback([arguments, action, &exit_code] { exit_code = run(*arguments, action); });
  }
}

}  // namespace strata::tools
