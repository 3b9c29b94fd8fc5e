#include "cli/run.hpp"

int main(int argc, char** argv) {
  return rosterform::cli::run(argc, argv);
}
