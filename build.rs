// The message catalogs are compiled into the binary (fluent-templates' static loader), so a
// changed or added .ftl file must rebuild the crate.
fn main() {
    println!("cargo:rerun-if-changed=locales");
}
