def main():
    from gialint import resources
    print(resources.grammar_text()[:20]); print([f.name for f in resources.template_files()])
