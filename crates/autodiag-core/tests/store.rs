//! Storage sync, conflicts and backups, against an in-memory store: what the browser's local
//! storage does in the app.

mod common;
use autodiag_core::LiteMap;
use autodiag_core::domain::store::{self, KeyValueStore, MemoryStore};
use autodiag_core::domain::stored;
use autodiag_core::domain::workspace::Workspace;
use common::*;

fn workspace_of(names: &[&str]) -> Workspace {
    Workspace {
        assessments: names
            .iter()
            .map(|n| {
                let mut a = assessment(n);
                a.revision = 1;
                a
            })
            .collect(),
    }
}

#[test]
fn what_is_synced_reads_back_and_only_changes_are_written_again() {
    let mut memory = MemoryStore::default();
    let mut workspace = workspace_of(&["Lobbes", "Thuin"]);
    let mut written = LiteMap::new_vec();
    let report = store::sync(Some(&mut memory), &workspace, &mut written);
    assert!(report.saved && report.conflicts.is_empty());
    assert_eq!(report.encoded.len(), 2);
    // Nothing changed: nothing written.
    let again = store::sync(Some(&mut memory), &workspace, &mut written);
    assert!(!again.saved && again.encoded.is_empty());
    workspace.assessments[0].set_choice("mob_pcm", Some(level(3)), NOW);
    let changed = store::sync(Some(&mut memory), &workspace, &mut written);
    assert_eq!(changed.encoded.len(), 1);
    let read = store::read(&mut memory);
    assert_eq!(read.workspace, workspace);
    assert!(read.recovered.is_empty());
}

#[test]
fn an_unreadable_value_is_backed_up_reported_and_left_in_place() {
    let mut memory = MemoryStore::default();
    let key = stored::assessment_key("broken");
    memory
        .set(&key, "{\"storage_version\": 1, \"assess")
        .unwrap();
    let read = store::read(&mut memory);
    assert_eq!(read.recovered.len(), 1);
    let backup = read.recovered[0].backup_key.clone().expect("a backup copy");
    assert_eq!(memory.get(&backup), memory.get(&key));
    assert!(memory.get(&key).is_some(), "never deleted on its own");
    // Reading again does not pile up copies.
    store::read(&mut memory);
    assert_eq!(
        memory
            .keys()
            .iter()
            .filter(|k| k.starts_with(stored::BACKUP_PREFIX))
            .count(),
        1
    );
}

#[test]
fn another_tabs_newer_write_is_a_conflict_not_overwritten() {
    let mut memory = MemoryStore::default();
    let mut ours = workspace_of(&["Chimay"]);
    let mut written = LiteMap::new_vec();
    store::sync(Some(&mut memory), &ours, &mut written);
    // Another tab edits and saves the same assessment.
    let mut theirs = ours.assessments[0].clone();
    theirs.set_choice("mob_pcm", Some(level(5)), NOW);
    memory
        .set(
            &stored::assessment_key(&theirs.id),
            &stored::encode_assessment(&theirs),
        )
        .unwrap();
    ours.assessments[0].set_choice("mob_pcm", Some(level(1)), NOW);
    let report = store::sync(Some(&mut memory), &ours, &mut written);
    assert_eq!(report.conflicts, vec![theirs.clone()]);
    let stored_now =
        stored::decode_assessment(&memory.get(&stored::assessment_key(&theirs.id)).unwrap())
            .unwrap();
    assert_eq!(
        stored_now.choice("mob_pcm"),
        Some(level(5)),
        "their write is kept"
    );
    // The app then adopts theirs and keeps ours as a copy; the next sync writes the copy.
    written.insert(theirs.id.clone(), theirs.revision);
    ours.adopt_theirs(theirs, "copie".into(), "copie", NOW);
    let report = store::sync(Some(&mut memory), &ours, &mut written);
    assert!(report.conflicts.is_empty() && report.saved);
    assert!(memory.get(&stored::assessment_key("copie")).is_some());
}

#[test]
fn a_full_store_refuses_and_the_answers_stay_in_memory_to_download() {
    let mut memory = MemoryStore {
        quota: Some(200),
        ..MemoryStore::default()
    };
    let workspace = workspace_of(&["Beaumont"]);
    let mut written = LiteMap::new_vec();
    let report = store::sync(Some(&mut memory), &workspace, &mut written);
    assert!(report.quota_exceeded && !report.saved);
    assert!(written.is_empty(), "tried again at the next change");
    assert_eq!(report.encoded.len(), 1, "still offered by the crash banner");
    assert!(memory.values.is_empty());
}

#[test]
fn without_storage_nothing_is_written_but_everything_is_encoded() {
    let workspace = workspace_of(&["Couvin", "Viroinval"]);
    let mut written = LiteMap::new_vec();
    let report = store::sync(None, &workspace, &mut written);
    assert!(!report.saved);
    assert_eq!(report.encoded.len(), 2);
}

#[test]
fn a_deleted_assessment_leaves_the_store() {
    let mut memory = MemoryStore::default();
    let mut workspace = workspace_of(&["Walcourt", "Gerpinnes"]);
    let mut written = LiteMap::new_vec();
    store::sync(Some(&mut memory), &workspace, &mut written);
    let (_, gone) = workspace
        .remove(&workspace.assessments[0].id.clone())
        .unwrap();
    let report = store::sync(Some(&mut memory), &workspace, &mut written);
    assert_eq!(report.removed, vec![gone.id.clone()]);
    assert!(memory.get(&stored::assessment_key(&gone.id)).is_none());
    assert_eq!(store::read(&mut memory).workspace, workspace);
}

#[test]
fn the_trash_says_whether_a_file_replaced_its_assessment() {
    let mut memory = MemoryStore::default();
    let copy = assessment("Gerpinnes");
    memory
        .set(stored::TRASH_KEY, &stored::encode_assessment(&copy))
        .unwrap();
    let read = store::read(&mut memory);
    assert_eq!(read.trash.as_ref().map(|a| &a.id), Some(&copy.id));
    assert!(!read.trash_replaced, "deleted by the user");
    memory.set(stored::TRASH_REPLACED_KEY, &copy.id).unwrap();
    assert!(store::read(&mut memory).trash_replaced);
    // The mark names another copy (the trash written again without it): deleted.
    let other = assessment("Walcourt");
    memory
        .set(stored::TRASH_KEY, &stored::encode_assessment(&other))
        .unwrap();
    assert!(!store::read(&mut memory).trash_replaced);
    memory
        .set(stored::TRASH_KEY, &stored::encode_assessment(&copy))
        .unwrap();
    // The mark alone, its copy gone, says nothing.
    memory.remove(stored::TRASH_KEY);
    let read = store::read(&mut memory);
    assert!(read.trash.is_none() && !read.trash_replaced);
}
