//! A paper's id, URL or DOI typed or pasted into the query line.

use super::*;

/// The bundled corpus with an arXiv paper and one known by its links.
fn corpus() -> Corpus {
    let mut corpus = Corpus::bundled().unwrap();
    let mut arxiv = Paper::titled("Mamba Segmentation of Liver CT");
    arxiv.id = "arXiv:2505.47796".into();
    let mut linked = Paper::titled("Vision Transformer for Chest X-rays");
    linked.id = "vision-transformer-for-chest-x-rays".into();
    linked.links = vec![crate::corpus::Link::classified(
        "https://doi.org/10.5555/xray.2024",
    )];
    corpus.papers.insert(40, arxiv);
    corpus.papers.insert(80, linked);
    corpus
}

fn selected_id(app: &App) -> String {
    app.selected_paper()
        .map(|p| p.id.clone())
        .unwrap_or_default()
}

#[test]
fn typing_an_arxiv_url_selects_its_paper() {
    let mut app = App::new(corpus(), (120, 40));
    typed(&mut app, "https://arxiv.org/abs/2505.47796v2");
    assert_eq!(selected_id(&app), "arXiv:2505.47796");
    assert_eq!(app.search().hits().len(), 1);
}

#[test]
fn pasting_an_id_selects_its_paper_above_what_the_other_words_find() {
    let mut app = App::new(corpus(), (120, 40));
    app.update(Command::EditQuery);
    app.update(Command::Paste("https://arxiv.org/abs/2505.47796v2".into()));
    assert_eq!(selected_id(&app), "arXiv:2505.47796");
    for (pasted, id) in [
        ("segmentation | arxiv:2505.47796", "arXiv:2505.47796"),
        (
            "mamba | https://doi.org/10.5555/XRAY.2024",
            "vision-transformer-for-chest-x-rays",
        ),
    ] {
        let mut app = App::new(corpus(), (120, 40));
        app.update(Command::EditQuery);
        app.update(Command::Paste(pasted.into()));
        assert_eq!(selected_id(&app), id, "{pasted}");
        assert!(
            app.search().hits().len() > 5,
            "{pasted}: the words' papers follow"
        );
    }
}

#[test]
fn an_id_not_in_the_corpus_says_so_where_the_results_would_be() {
    let mut app = App::new(corpus(), (120, 40));
    typed(&mut app, "10.1101/2025.01.01.1");
    assert!(app.search().hits().is_empty());
    assert_eq!(
        app.search().why_empty(),
        Some("doi:10.1101/2025.01.01.1 is not in this corpus")
    );
}
