//! From a versions URL to a module endpoint: the highest version both sides speak, then the
//! module's endpoint for the sender role in that version's details.

use super::fault::Fault;
use super::store::Module;
use crate::json::Node;
use crate::spec::Version;
use url::Url;

/// The objects of a versions or version details document as sent (not the lenient values: a
/// version label unknown to the detected version's enum must still be seen): the envelope's
/// `data`, or the document itself.
pub fn objects<'n, 'a>(root: Option<&'n Node<'a>>) -> Vec<&'n Node<'a>> {
    let Some(root) = root else {
        return Vec::new();
    };
    let data = root.get("data").unwrap_or(root);
    match data.as_array() {
        Some(items) => items.iter().collect(),
        None if data.as_object().is_some() => vec![data],
        None => Vec::new(),
    }
}

/// The version chosen from a versions list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionChoice {
    pub version: Version,
    /// The label the server used (`2.2` for a withdrawn 2.2 read as 2.2.1).
    pub label: String,
    /// Its version details URL.
    pub url: Url,
}

/// Picks the highest version of the list that this client reads. An exact label wins over a
/// withdrawn one mapping to the same version (`2.2.1` over `2.2`).
pub fn choose_version(objects: &[&Node<'_>], base: &Url) -> Result<VersionChoice, Fault> {
    let mut offered = Vec::new();
    let mut best: Option<(Version, bool, String, String)> = None;
    for item in objects {
        let (Some(label), Some(url)) = (text(item, "version"), text(item, "url")) else {
            continue;
        };
        offered.push(label.clone());
        let Some(version) = Version::from_label(&label) else {
            continue;
        };
        let exact = label.trim() == version.as_str();
        if best
            .as_ref()
            .is_none_or(|(v, e, _, _)| (version, exact) > (*v, *e))
        {
            best = Some((version, exact, label, url));
        }
    }
    let Some((version, _, label, url)) = best else {
        return Err(Fault::NoCommonVersion { offered });
    };
    Ok(VersionChoice {
        version,
        label,
        url: resolve(base, &url)?,
    })
}

/// The version a details document describes (its `version`), if this client reads it.
pub fn details_version(objects: &[&Node<'_>]) -> Option<(Version, String)> {
    let label = objects.first().and_then(|item| text(item, "version"))?;
    Version::from_label(&label).map(|v| (v, label))
}

/// The endpoint of `module` in a version details document. In 2.2.1 and later it must have the
/// role `SENDER` (a `RECEIVER` endpoint takes data in, it does not publish it); an endpoint
/// without a role is accepted when none has the sender role, as in 2.1.1, which has no roles.
pub fn choose_endpoint(
    objects: &[&Node<'_>],
    module: Module,
    version: Version,
    base: &Url,
) -> Result<Url, Fault> {
    let endpoints = objects
        .first()
        .and_then(|item| item.get("endpoints"))
        .and_then(Node::as_array)
        .unwrap_or(&[]);
    let mut sender = None;
    let mut roleless = None;
    for e in endpoints {
        let matches =
            text(e, "identifier").is_some_and(|i| i.eq_ignore_ascii_case(module.as_str()));
        let Some(url) = text(e, "url").filter(|_| matches) else {
            continue;
        };
        match text(e, "role") {
            Some(role) if role.eq_ignore_ascii_case("SENDER") => {
                sender.get_or_insert(url);
            }
            None => {
                roleless.get_or_insert(url);
            }
            Some(_) => {}
        }
    }
    match sender.or(roleless) {
        Some(url) => resolve(base, &url),
        None => Err(Fault::NoEndpoint {
            module: module.as_str(),
            version: version.as_str().to_string(),
        }),
    }
}

fn text(node: &Node<'_>, key: &str) -> Option<String> {
    node.get(key)
        .and_then(Node::as_str)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// Resolves a URL from the data against the URL it came from; only http(s) is followed.
pub fn resolve(base: &Url, target: &str) -> Result<Url, Fault> {
    let url = base.join(target).map_err(|e| Fault::UrlInvalid {
        url: target.to_string(),
        reason: e.to_string(),
    })?;
    if matches!(url.scheme(), "http" | "https") {
        Ok(url)
    } else {
        Err(Fault::UrlInvalid {
            url: target.to_string(),
            reason: format!("the scheme `{}` is not http or https", url.scheme()),
        })
    }
}
