// PLACEHOLDER so that the target has a source until the generator lands.
namespace parmetrics::generator {
int placeholder() { return 0; }
}  // namespace parmetrics::generator
